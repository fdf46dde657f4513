import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { deepArray, deepObject, deepObjectText } from "../../testing/json/deep-documents";
import { diffJson } from "./diff-json";
import { containersDeeperThan, flattenJson } from "./flatten-json";
import { JsonDiff } from "./json-diff";
import { JsonViewer } from "./json-viewer";
import { sideBySideRows } from "./side-by-side-rows";

// Payloads nested 10,000 levels deep: V8 overflows its stack near 5,000 levels of recursion.
const DEPTH = 10_000;
const rowCount = (html: string) => html.split('role="treeitem"').length - 1;

describe("the JSON view helpers on documents nested 10,000 levels deep", () => {
  it("flattenJson lists every line, in order, up to its row limit", () => {
    const rows = flattenJson(deepObject(DEPTH));
    expect(rows).toHaveLength(2 * DEPTH + 1);
    expect(rows[DEPTH]).toMatchObject({ role: "value", text: "1", depth: DEPTH, key: "a" });
    expect(rows[2 * DEPTH]).toMatchObject({ role: "close", text: "}", depth: 0, path: "$" });
    expect(flattenJson(deepArray(DEPTH), new Set(), 500)).toHaveLength(500);
    expect(flattenJson(deepObject(DEPTH), (_path, depth) => depth >= 3).map((r) => r.text)).toEqual(["{", "{", "{", "{…}", "}", "}", "}"]);
  });

  it("containersDeeperThan, diffJson and sideBySideRows walk to the bottom", () => {
    expect(containersDeeperThan(deepArray(2000), 1999).size).toBe(1);
    const diff = diffJson(deepObject(DEPTH), deepObject(DEPTH, 2));
    expect(diff).toEqual([{ path: "$" + ".a".repeat(DEPTH), kind: "changed", before: 1, after: 2 }]);
    expect(diffJson(deepObject(DEPTH), deepObject(DEPTH - 1, { a: 1, b: deepArray(DEPTH) })).map((e) => e.kind)).toEqual(["added"]);
    const rows = sideBySideRows(deepObject(DEPTH), deepObject(DEPTH - 1, { b: deepArray(DEPTH) }));
    expect(rows).toHaveLength(4 * DEPTH + 2); // 2 DEPTH shared brackets, 1 removed line, 2 DEPTH + 1 added lines
    expect(rows.filter((r) => r.left?.kind === "removed")).toHaveLength(1);
    expect(rows.filter((r) => r.right?.kind === "added")).toHaveLength(2 * DEPTH + 1);
  });
});

describe("JsonViewer and JsonDiff on a document nested 10,000 levels deep", () => {
  const text = deepObjectText(DEPTH, '"bottom"');

  it("renders it folded below depth 2", () => {
    const html = renderToStaticMarkup(<JsonViewer text={text} />);
    expect(rowCount(html)).toBe(5);
    expect(html).toContain("{…}");
  });

  it("renders it unfolded, windowed, up to the row limit", () => {
    const html = renderToStaticMarkup(<JsonViewer text={text} collapseDepth={DEPTH + 1} />);
    expect(rowCount(html)).toBeLessThan(200);
    expect(html).toContain("more rows not shown");
  });

  it("diffs it against a changed copy", () => {
    const html = renderToStaticMarkup(<JsonDiff before={text} after={deepObjectText(DEPTH, '"changed"')} />);
    expect(html).toContain("&quot;bottom&quot; → &quot;changed&quot;");
    expect(html.split('role="row"').length - 1).toBe(2 * DEPTH + 2);
  });
});
