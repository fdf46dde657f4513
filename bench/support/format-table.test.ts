import { describe, expect, it } from "vitest";
import { formatNumber, formatTable } from "./format-table";

describe("formatTable", () => {
  it("aligns text left and numbers right under a rule", () => {
    const out = formatTable(
      ["name", "per s"],
      [
        ["loop", 123456],
        ["map", 9.5],
        ["none", null],
      ],
    );
    expect(out.split("\n")).toEqual(["name    per s", "----  -------", "loop  123,456", "map      9.50", "none        -"]);
  });

  it("formats numbers by size unless digits are given", () => {
    expect(formatNumber(1234.5)).toBe("1,235");
    expect(formatNumber(12.34)).toBe("12.3");
    expect(formatNumber(1.234)).toBe("1.23");
    expect(formatNumber(1.234, 0)).toBe("1");
    expect(formatNumber(9)).toBe("9");
  });
});
