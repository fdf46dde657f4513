import { describe, expect, it } from "vitest";
import { diffJson } from "./diff-json";

describe("diffJson", () => {
  it("reports added, removed and changed paths", () => {
    const before = { id: 7, status: "NEW", items: [1, 2, 3], meta: { a: 1 }, gone: true };
    const after = { id: 7, status: "PAID", items: [1, 5], meta: { a: 1, b: 2 }, total: 9 };
    expect(diffJson(before, after)).toEqual([
      { path: "$.status", kind: "changed", before: "NEW", after: "PAID" },
      { path: "$.items[1]", kind: "changed", before: 2, after: 5 },
      { path: "$.items[2]", kind: "removed", before: 3 },
      { path: "$.meta.b", kind: "added", after: 2 },
      { path: "$.gone", kind: "removed", before: true },
      { path: "$.total", kind: "added", after: 9 },
    ]);
  });

  it("treats a type change as one change and equal documents as no change", () => {
    expect(diffJson({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: "$.a", kind: "changed", before: [1], after: { 0: 1 } }]);
    expect(diffJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
    expect(diffJson(1, "1")).toEqual([{ path: "$", kind: "changed", before: 1, after: "1" }]);
  });
});
