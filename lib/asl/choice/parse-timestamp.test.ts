import { describe, expect, it } from "vitest";
import { compareInstants, parseTimestamp } from "./parse-timestamp";

describe("parseTimestamp", () => {
  it("accepts RFC 3339 with Z or an offset and up to nanoseconds", () => {
    expect(parseTimestamp("2016-03-14T01:59:00Z")).toEqual({ seconds: Date.UTC(2016, 2, 14, 1, 59) / 1000, nanos: 0 });
    expect(parseTimestamp("2016-03-05T21:29:29.243167252Z")?.nanos).toBe(243167252);
    const plusOne = parseTimestamp("2012-10-09T20:00:55+01:00")!;
    expect(compareInstants(plusOne, parseTimestamp("2012-10-09T19:00:55Z")!)).toBe(0);
  });

  it.each([
    "2016-12-05 21:29:29Z",
    "2016-12-05T21:29:29",
    "05-12-2016T21:29:29Z",
    "2016-12-05T25:29:29Z",
    "2016-13-05T21:29:29Z",
    "2023-02-30T00:00:00Z",
    "2016-12-05t21:29:29z",
    "2023-02-24",
  ])("rejects %s", (text) => expect(parseTimestamp(text)).toBeNull());

  it("orders by seconds then nanoseconds", () => {
    const a = parseTimestamp("2020-01-01T00:00:00.000000001Z")!;
    const b = parseTimestamp("2020-01-01T00:00:00Z")!;
    expect(compareInstants(a, b)).toBeGreaterThan(0);
  });
});
