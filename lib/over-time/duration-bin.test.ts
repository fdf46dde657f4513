import { describe, expect, it } from "vitest";
import { percentile } from "./percentile";
import { binMs, durationBin, histogramPercentile } from "./duration-bin";

describe("duration bins", () => {
  it("bins by a factor of 2^(1/8); running or unknown durations get -1", () => {
    expect(durationBin(null, "SUCCEEDED")).toBe(-1);
    expect(durationBin(500, "RUNNING")).toBe(-1);
    expect(durationBin(0, "SUCCEEDED")).toBe(0);
    expect(durationBin(1, "FAILED")).toBe(0);
    expect(durationBin(1024, "SUCCEEDED")).toBe(80);
    expect(durationBin(1025, "SUCCEEDED")).toBe(80);
    expect(durationBin(1116, "SUCCEEDED")).toBe(80); // 1024 * 2^(1/8) = 1116.7
    expect(durationBin(1117, "SUCCEEDED")).toBe(81);
    for (const ms of [3, 47, 999, 12_345, 86_400_000]) expect(Math.abs(binMs(durationBin(ms, "SUCCEEDED")) - ms) / ms).toBeLessThan(0.046);
  });

  it("reads nearest-rank percentiles back within a bin of the exact ones", () => {
    const durations = Array.from({ length: 1000 }, (_, i) => 20 + ((i * 7919) % 30_000));
    const histogram = new Map<number, number>();
    for (const d of durations) histogram.set(durationBin(d, "SUCCEEDED"), (histogram.get(durationBin(d, "SUCCEEDED")) ?? 0) + 1);
    const sorted = [...durations].sort((a, b) => a - b);
    for (const p of [1, 50, 95, 100]) {
      const exact = percentile(sorted, p)!;
      expect(Math.abs(histogramPercentile(histogram, p)! - exact) / exact).toBeLessThan(0.1);
    }
    expect(histogramPercentile(new Map(), 50)).toBeNull();
    expect(histogramPercentile(new Map([[-1, 5]]), 50)).toBeNull();
  });
});
