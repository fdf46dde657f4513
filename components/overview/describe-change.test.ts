import { describe, expect, it } from "vitest";
import { countChange, durationChange, formatRate, rateChange } from "./describe-change";

describe("changes against the previous range", () => {
  it("counts: relative, new, nothing", () => {
    expect(countChange(150, 100)).toEqual({ text: "+50%", tone: "none" });
    expect(countChange(50, 100)).toEqual({ text: "-50%", tone: "none" });
    expect(countChange(3, 0)).toEqual({ text: "new", tone: "none" });
    expect(countChange(0, 0).text).toBe("–");
  });

  it("failure rates: percentage points, higher is worse", () => {
    expect(rateChange(0.25, 0.1)).toEqual({ text: "+15 pp", tone: "worse" });
    expect(rateChange(0.05, 0.1)).toEqual({ text: "-5 pp", tone: "better" });
    expect(rateChange(0.1, 0.1)).toEqual({ text: "±0 pp", tone: "same" });
    expect(rateChange(null, 0.1).tone).toBe("none");
  });

  it("durations: relative, slower is worse", () => {
    expect(durationChange(19_000, 100_000)).toEqual({ text: "-81%", tone: "better" });
    expect(durationChange(2000, 1000)).toEqual({ text: "+100%", tone: "worse" });
    expect(durationChange(null, 1000).text).toBe("–");
  });

  it("formats a rate with one decimal", () => {
    expect(formatRate(5 / 21)).toBe("23.8%");
    expect(formatRate(null)).toBe("–");
  });
});
