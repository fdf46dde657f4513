import { describe, expect, it } from "vitest";
import { percentile } from "./percentile";

describe("percentile", () => {
  it("uses nearest rank", () => {
    const list = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(list, 50)).toBe(50);
    expect(percentile(list, 95)).toBe(100);
    expect(percentile(list, 0)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});
