import { describe, expect, it } from "vitest";
import { containersDeeperThan, flattenJson } from "./flatten-json";

describe("flattenJson", () => {
  const doc = { a: 1, list: [true, null], nested: { "odd key": "x" }, empty: {} };

  it("prints one row per line with paths, keys and commas", () => {
    expect(flattenJson(doc).map((r) => [r.path, r.role, r.key, r.text, r.comma])).toEqual([
      ["$", "open", null, "{", false],
      ["$.a", "value", "a", "1", true],
      ["$.list", "open", "list", "[", false],
      ["$.list[0]", "value", 0, "true", true],
      ["$.list[1]", "value", 1, "null", false],
      ["$.list", "close", null, "]", true],
      ["$.nested", "open", "nested", "{", false],
      ['$.nested["odd key"]', "value", "odd key", '"x"', false],
      ["$.nested", "close", null, "}", true],
      ["$.empty", "value", "empty", "{}", false],
      ["$", "close", null, "}", false],
    ]);
  });

  it("folds collapsed containers into one row with their size", () => {
    const rows = flattenJson(doc, new Set(["$.list"]));
    expect(rows.find((r) => r.path === "$.list")).toMatchObject({ role: "value", text: "[…]", size: 2, comma: true });
    expect(rows.some((r) => r.path === "$.list[0]")).toBe(false);
  });

  it("keeps markup in strings as JSON text", () => {
    const rows = flattenJson({ html: "<script>alert(1)</script>" });
    expect(rows[1].text).toBe('"<script>alert(1)</script>"');
  });

  it("finds containers to fold below a depth", () => {
    expect([...containersDeeperThan(doc, 1)].sort()).toEqual(["$.empty", "$.list", "$.nested"]);
  });
});
