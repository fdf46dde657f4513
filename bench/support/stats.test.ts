import { describe, expect, it } from "vitest";
import { median, quantile, round, summarize } from "./stats";

describe("stats", () => {
  it("takes the median of odd and even sample counts without reordering the input", () => {
    const samples = [5, 1, 3];
    expect(median(samples)).toBe(3);
    expect(samples).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("interpolates quantiles between ranks", () => {
    const samples = Array.from({ length: 101 }, (_, i) => i);
    expect(quantile(samples, 0.95)).toBe(95);
    expect(quantile([10, 20], 0.95)).toBeCloseTo(19.5);
    expect(quantile([7], 0.95)).toBe(7);
    expect(() => quantile([], 0.5)).toThrow();
  });

  it("summarizes and rounds", () => {
    expect(summarize([3, 1, 2])).toEqual({ n: 3, min: 1, median: 2, p95: 2.9, max: 3 });
    expect(round(1.23456)).toBe(1.235);
    expect(round(123.456)).toBe(123.5);
    expect(round(12345.6)).toBe(12346);
  });
});
