import { describe, expect, it } from "vitest";
import { sideBySideRows } from "./side-by-side-rows";

describe("sideBySideRows", () => {
  it("aligns equal, changed, removed and added lines", () => {
    const rows = sideBySideRows({ a: 1, b: { c: 2 }, d: 3 }, { a: 1, b: { c: 4 }, e: [5] });
    const show = (l: { text: string; kind: string; depth: number } | null) => (l ? `${l.depth}${l.kind[0]} ${l.text}` : "");
    expect(rows.map((r) => [show(r.left), show(r.right)])).toEqual([
      ["0s {", "0s {"],
      ['1s "a": 1', '1s "a": 1'],
      ['1s "b": {', '1s "b": {'],
      ['2c "c": 2', '2c "c": 4'],
      ["1s }", "1s }"],
      ['1r "d": 3', ""],
      ["", '1a "e": ['],
      ["", "2a 5"],
      ["", "1a ]"],
      ["0s }", "0s }"],
    ]);
  });

  it("pads a type change so both sides keep their rows", () => {
    const rows = sideBySideRows({ x: "s" }, { x: { y: 1 } });
    expect(rows.filter((r) => r.path === "$.x").map((r) => [r.left?.text ?? null, r.right?.text ?? null])).toEqual([
      ['"x": "s"', '"x": {'],
      [null, '"y": 1'],
      [null, "}"],
    ]);
  });
});
