import { describe, expect, it } from "vitest";
import { parseDuration } from "./parse-duration";

describe("parseDuration", () => {
  it("reads seconds, minutes, hours, days and weeks", () => {
    expect(parseDuration("60s", "--interval")).toBe(60_000);
    expect(parseDuration("30m", "--x")).toBe(1_800_000);
    expect(parseDuration("12h", "--x")).toBe(43_200_000);
    expect(parseDuration("90d", "--x")).toBe(90 * 86_400_000);
    expect(parseDuration("2W", "--x")).toBe(14 * 86_400_000);
    expect(parseDuration("1.5h", "--x")).toBe(5_400_000);
  });

  it("says what is wrong and where", () => {
    expect(() => parseDuration("90", "--since")).toThrow(
      '--since: "90" is not a duration; write a number and a unit: s, m, h, d or w (e.g. 90d, 12h, 30m, 60s)',
    );
    expect(() => parseDuration("d", "--since")).toThrow(/is not a duration/);
    expect(() => parseDuration("-5d", "--since")).toThrow(/is not a duration/);
    expect(() => parseDuration("0s", "--interval")).toThrow('--interval: the duration must be greater than zero, got "0s"');
    expect(() => parseDuration("999999w", "--older-than")).toThrow(/more than 100 years/);
  });
});
