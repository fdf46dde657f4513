import { describe, expect, it } from "vitest";
import { countMatches, splitMatches } from "./split-matches";

describe("splitMatches", () => {
  it("splits around case-insensitive matches", () => {
    expect(splitMatches("Error: error", "ERROR")).toEqual([
      { text: "Error", match: true },
      { text: ": ", match: false },
      { text: "error", match: true },
    ]);
    expect(countMatches("aaaa", "aa")).toBe(2);
    expect(splitMatches("abc", "")).toEqual([{ text: "abc", match: false }]);
    expect(splitMatches("abc", "zz")).toEqual([{ text: "abc", match: false }]);
  });
});
