import { describe, expect, it } from "vitest";
import { hiddenEnds } from "./tabs";

describe("hiddenEnds", () => {
  it("says which side of a scrolling tab bar hides tabs", () => {
    expect(hiddenEnds(0, 300, 300)).toEqual({ before: false, after: false });
    expect(hiddenEnds(0, 300, 520)).toEqual({ before: false, after: true });
    expect(hiddenEnds(110, 300, 520)).toEqual({ before: true, after: true });
    expect(hiddenEnds(220, 300, 520)).toEqual({ before: true, after: false });
    expect(hiddenEnds(219.5, 300, 520)).toEqual({ before: true, after: false }); // subpixel widths
  });
});
