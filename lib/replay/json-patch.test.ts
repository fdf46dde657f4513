import { describe, expect, it } from "vitest";
import { applyJsonPatch, JsonPatchError, patchIssues } from "./json-patch";

describe("applyJsonPatch (RFC 6902)", () => {
  const doc = { a: { b: [1, 2, 3], "c/d": "x", "e~f": true }, keep: 1 };

  it("applies add, remove, replace, move, copy and test in order, leaving the original alone", () => {
    const out = applyJsonPatch(doc, [
      { op: "add", path: "/a/b/1", value: 9 },
      { op: "add", path: "/a/b/-", value: 4 },
      { op: "remove", path: "/a/c~1d" },
      { op: "replace", path: "/a/e~0f", value: false },
      { op: "copy", from: "/keep", path: "/copied" },
      { op: "move", from: "/a/b", path: "/list" },
      { op: "test", path: "/list/0", value: 1 },
    ]);
    expect(out).toEqual({ a: { "e~f": false }, keep: 1, copied: 1, list: [1, 9, 2, 3, 4] });
    expect(doc.a.b).toEqual([1, 2, 3]);
  });

  it("replaces the whole document at the root pointer and keeps key order on replace", () => {
    expect(applyJsonPatch(doc, [{ op: "replace", path: "", value: [1] }])).toEqual([1]);
    expect(Object.keys(applyJsonPatch({ x: 1, y: 2 }, [{ op: "replace", path: "/x", value: 3 }]) as object)).toEqual(["x", "y"]);
  });

  it("names the failing operation", () => {
    expect(() =>
      applyJsonPatch(doc, [
        { op: "add", path: "/keep", value: 2 },
        { op: "remove", path: "/nope" },
      ]),
    ).toThrow(/operation 1: path "\/nope" does not exist/);
    expect(() => applyJsonPatch(doc, [{ op: "test", path: "/keep", value: 2 }])).toThrow(JsonPatchError);
    expect(() => applyJsonPatch(doc, [{ op: "add", path: "/a/b/7", value: 0 }])).toThrow(/out of bounds/);
    expect(() => applyJsonPatch(doc, [{ op: "add", path: "a", value: 0 }])).toThrow(/JSON Pointer/);
    expect(() => applyJsonPatch(doc, [{ op: "move", from: "/a", path: "/a/x" }])).toThrow(/own child/);
  });

  it("reports malformed operations", () => {
    expect(patchIssues({})).toEqual(["a JSON Patch is an array of operations"]);
    expect(
      patchIssues([
        { op: "jump", path: "/" },
        { op: "add", path: "/x" },
        { op: "copy", path: "/y" },
      ]),
    ).toEqual([
      '0: "op" must be one of add, remove, replace, move, copy, test',
      '1: "value" is missing',
      '2: "from" must be a JSON Pointer string',
    ]);
  });
});
