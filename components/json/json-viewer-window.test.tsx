import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { JsonViewer } from "./json-viewer";

const rowCount = (html: string) => html.split('role="treeitem"').length - 1;

describe("JsonViewer on long documents", () => {
  it("keeps only the rows in view in the DOM and reserves the height of the rest", () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ order: i }));
    const html = renderToStaticMarkup(<JsonViewer text={JSON.stringify({ items })} />);
    // 3,000 folded items between the document's and the array's brackets: 3,004 rows in all
    const rendered = rowCount(html);
    expect(rendered).toBeGreaterThan(20); // more than the 360 px body shows
    expect(rendered).toBeLessThan(200);
    expect(html).toContain(`height:${(3004 - rendered) * 18.75}px`);
    expect(html).toContain("items");
    expect(html).not.toContain("2999: ");
  });

  it("renders a short document whole, rows at their natural height", () => {
    const html = renderToStaticMarkup(<JsonViewer text={JSON.stringify(Array.from({ length: 50 }, (_, i) => i))} />);
    expect(rowCount(html)).toBe(52);
    expect(html).not.toContain("height:");
  });
});
