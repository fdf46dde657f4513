import { describe, expect, it } from "vitest";
import { compileInputCondition } from "./input-condition";

describe("input condition", () => {
  it("evaluates JSONata against the input", async () => {
    const c = compileInputCondition("$.order.total > 100");
    expect(await c.test('{"order":{"total":150}}')).toBe(true);
    expect(await c.test('{"order":{"total":50}}')).toBe(false);
    expect(await c.test('{"other":1}')).toBe(false);
    expect(await c.test(null)).toBe(false);
    expect(await c.test("not json")).toBe(false);
    expect(await compileInputCondition('items[sku = "A"]').test('{"items":[{"sku":"B"},{"sku":"A"}]}')).toBe(true);
  });

  it("names a syntax error with its position", () => {
    expect(() => compileInputCondition("$.order.total >")).toThrow(/^input condition: .* at position \d+/);
  });
});
