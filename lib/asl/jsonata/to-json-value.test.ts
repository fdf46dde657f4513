import { describe, expect, it } from "vitest";
import { toJsonValue, UnsupportedResult } from "./to-json-value";

describe("toJsonValue", () => {
  it("strips jsonata's sequence markers and undefined members but shares unchanged parts", () => {
    const sequence = Object.assign([1, 2], { sequence: true });
    const shared = { deep: [1] };
    const out = toJsonValue({ a: sequence, b: undefined, c: shared }) as Record<string, unknown>;
    expect(out).toEqual({ a: [1, 2], c: { deep: [1] } });
    expect(Object.keys(out.a as object)).toEqual(["0", "1"]);
    expect(out.c).toBe(shared);
    expect(toJsonValue([undefined, 1])).toEqual([null, 1]);
    const plain = { x: [1, { y: 2 }] };
    expect(toJsonValue(plain)).toBe(plain);
  });

  it("refuses functions", () => {
    expect(() => toJsonValue({ f: () => 1 })).toThrow(UnsupportedResult);
  });
});
