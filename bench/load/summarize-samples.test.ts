import { describe, expect, it } from "vitest";
import { summarizeSamples } from "./summarize-samples";

describe("summarizeSamples", () => {
  it("gives nearest-rank percentiles of answered requests and counts errors", () => {
    const samples = [
      ...Array.from({ length: 98 }, (_, i) => ({ kind: "page" as const, ms: i + 1, status: 200, error: "" })),
      { kind: "page" as const, ms: 500, status: 503, error: "" },
      { kind: "page" as const, ms: 3, status: 0, error: "ECONNREFUSED" },
    ];
    const s = summarizeSamples(samples, 10_000);
    expect(s.requests).toBe(100);
    expect(s.errors).toBe(2);
    expect(s.statuses).toEqual({ "503": 1, network: 1 });
    expect(s.p50).toBe(50);
    expect(s.p95).toBe(95);
    expect(s.max).toBe(500);
    expect(s.perSecond).toBe(10);
    expect(summarizeSamples([], 1000)).toMatchObject({ requests: 0, p50: null, p95: null });
  });
});
