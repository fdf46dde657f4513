import { describe, expect, it } from "vitest";
import { stringifyJson } from "../asl/evaluate/stringify-json";
import { deepObject, deepObjectText } from "../../testing/json/deep-documents";
import { jsonChanges } from "./json-changes";
import { applyJsonPatch } from "./json-patch";
import { sameJson } from "./payload";

// Inputs nested 10,000 levels deep (V8's own recursion gives up near 3,000-5,000).
const DEPTH = 10_000;
const pointerTo = (depth: number) => "/a".repeat(depth);

describe("payload walkers on a document nested 10,000 levels deep", () => {
  it("applyJsonPatch replaces, adds and tests at the bottom, leaving the original alone", () => {
    const doc = JSON.parse(deepObjectText(DEPTH));
    const out = applyJsonPatch(doc, [
      { op: "test", path: pointerTo(DEPTH), value: 1 },
      { op: "replace", path: pointerTo(DEPTH), value: 2 },
      { op: "add", path: `${pointerTo(DEPTH - 1)}/b`, value: deepObject(DEPTH) },
    ]);
    expect(stringifyJson(out)).toBe(deepObjectText(DEPTH - 1, `{"a":2,"b":${deepObjectText(DEPTH)}}`));
    expect(stringifyJson(doc)).toBe(deepObjectText(DEPTH));
  });

  it("sameJson compares, with key order ignored", () => {
    expect(sameJson(deepObject(DEPTH), JSON.parse(deepObjectText(DEPTH)))).toBe(true);
    expect(sameJson(deepObject(DEPTH), deepObject(DEPTH, 2))).toBe(false);
    expect(sameJson(deepObject(DEPTH, { x: 1, y: [2] }), deepObject(DEPTH, { y: [2], x: 1 }))).toBe(true);
    expect(sameJson(deepObject(DEPTH, "token"), deepObject(DEPTH, "issued"), "issued")).toBe(true);
  });

  it("jsonChanges finds the one change at the bottom", () => {
    const changes = jsonChanges(deepObject(DEPTH), deepObject(DEPTH, 2));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: "changed", before: 1, after: 2, path: "$" + ".a".repeat(DEPTH) });
  });

  it("jsonChanges keeps document order and its limit", () => {
    expect(
      jsonChanges({ a: 1, b: [1, 2], c: { d: 1 } }, { a: 2, b: [1], c: { d: 2, e: 3 }, f: 0 }).map((c) => `${c.kind} ${c.path}`),
    ).toEqual(["changed $.a", "removed $.b[1]", "changed $.c.d", "added $.c.e", "added $.f"]);
    expect(jsonChanges([1, 2, 3], [4, 5, 6], 2)).toHaveLength(2);
  });
});
