import { describe, expect, it } from "vitest";
import { pageRange, previousRange } from "./range-presets";

const NOW = new Date("2026-12-05T12:00:00Z");

describe("pageRange", () => {
  it("defaults to the last 7 days and reads presets", () => {
    expect(pageRange({}, NOW)).toEqual({ preset: "7d", since: new Date("2026-11-28T12:00:00Z"), until: NOW });
    expect(pageRange({ range: "24h" }, NOW).since).toEqual(new Date("2026-12-04T12:00:00Z"));
    expect(pageRange({ range: "bogus" }, NOW).preset).toBe("7d");
  });

  it("starts 'All time' at the oldest stored execution (90 days when the store is empty)", () => {
    const oldest = new Date("2024-03-01T00:00:00Z");
    expect(pageRange({ range: "all" }, NOW, oldest)).toEqual({ preset: "all", since: oldest, until: NOW });
    expect(pageRange({ range: "all" }, NOW, null).since).toEqual(new Date("2026-09-06T12:00:00Z"));
  });

  it("lets explicit since/until win and ignores unparseable ones", () => {
    expect(pageRange({ since: "2026-01-01T00:00:00Z", until: "2026-01-02T00:00:00Z" }, NOW)).toEqual({
      preset: null,
      since: new Date("2026-01-01T00:00:00Z"),
      until: new Date("2026-01-02T00:00:00Z"),
    });
    expect(pageRange({ since: "yesterday" }, NOW).preset).toBe("7d");
  });

  it("gives the range before, of the same length", () => {
    expect(previousRange({ since: new Date("2026-12-01T00:00:00Z"), until: new Date("2026-12-03T00:00:00Z") })).toEqual({
      since: new Date("2026-11-29T00:00:00Z"),
      until: new Date("2026-12-01T00:00:00Z"),
    });
  });
});
