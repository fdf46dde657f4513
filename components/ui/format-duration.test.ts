import { describe, expect, it } from "vitest";
import { formatClock, formatDuration } from "./format-duration";

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [850, "850 ms"],
    [1000, "1 s"],
    [2350, "2.35 s"],
    [12_340, "12.3 s"],
    [245_000, "4 m 05 s"],
    [3_720_000, "1 h 02 m"],
    [273_600_000, "3 d 4 h"],
    [-1500, "-1.5 s"],
  ])("%d ms -> %s", (ms, text) => expect(formatDuration(ms)).toBe(text));

  it("shows a dash for missing values", () => {
    expect(formatDuration(null)).toBe("–");
    expect(formatDuration(Number.NaN)).toBe("–");
  });
});

describe("formatClock", () => {
  it("prints UTC time of day with milliseconds", () => {
    expect(formatClock(Date.parse("2026-10-01T09:00:01.250Z"))).toBe("09:00:01.250");
  });
});
