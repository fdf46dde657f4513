import { describe, expect, it } from "vitest";
import { StatesError } from "../errors";
import { applyResultPath } from "./apply-result-path";

describe("applyResultPath", () => {
  const input = { keep: 1, nested: { a: 1 }, list: [{ x: 1 }, { x: 2 }] };

  it("replaces the input for $ or when absent, and keeps it for null", () => {
    expect(applyResultPath(input, "$", "r")).toBe("r");
    expect(applyResultPath(input, undefined, "r")).toBe("r");
    expect(applyResultPath(input, null, "r")).toBe(input);
  });

  it("places the result at the path, creating objects on the way, without mutating the input", () => {
    const out = applyResultPath(input, "$.result.deep", { ok: true });
    expect(out).toEqual({ ...input, result: { deep: { ok: true } } });
    expect(input).not.toHaveProperty("result");
    expect((out as typeof input).nested).toBe(input.nested);
  });

  it("overwrites existing keys in place (key order is kept) and array slots", () => {
    expect(Object.keys(applyResultPath(input, "$.keep", 2) as object)).toEqual(["keep", "nested", "list"]);
    expect(applyResultPath(input, "$.list[1].x", 9)).toEqual({ ...input, list: [{ x: 1 }, { x: 9 }] });
    expect(applyResultPath(input, "$['nested']['b']", 2)).toEqual({ ...input, nested: { a: 1, b: 2 } });
  });

  it("fails with States.ResultPathMatchFailure when the path cannot be applied", () => {
    for (const [value, path] of [
      ["text", "$.x"],
      [{ a: "s" }, "$.a.b"],
      [{ l: [] }, "$.l[0]"],
      [[1], "$.x"],
    ] as const) {
      try {
        applyResultPath(value, path, 1);
        throw new Error("expected failure");
      } catch (error) {
        expect(error).toBeInstanceOf(StatesError);
        expect((error as StatesError).error).toBe("States.ResultPathMatchFailure");
      }
    }
    expect(() => applyResultPath({}, "$.a[*]", 1)).toThrow(/ResultPath/);
  });

  it("names the step and the input in the cause", () => {
    expect(() => applyResultPath("text", "$.x", 1)).toThrow('Unable to apply step "x" to input "text"');
  });
});
