import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { JsonDiff } from "./json-diff";
import { JsonViewer } from "./json-viewer";

const NASTY = JSON.stringify({ html: "<script>alert('x')</script>", img: '<img src=x onerror="alert(1)">' });

describe("JsonViewer and JsonDiff render untrusted text as text", () => {
  it("escapes markup inside values and keys", () => {
    const html = renderToStaticMarkup(<JsonViewer text={JSON.stringify({ "<b>key</b>": 1, ...JSON.parse(NASTY) })} />);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>key");
    expect(html).toContain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;key&lt;/b&gt;");
  });

  it("shows text that is not JSON as raw text", () => {
    const html = renderToStaticMarkup(<JsonViewer text={"<script>oops</script> not json"} />);
    expect(html).toContain("&lt;script&gt;oops&lt;/script&gt; not json");
    expect(html).not.toContain("<script>");
  });

  it("escapes both sides of a diff", () => {
    const html = renderToStaticMarkup(<JsonDiff before={NASTY} after={JSON.stringify({ html: "<iframe src=//evil>" })} />);
    expect(html).not.toMatch(/<(script|img|iframe)/);
    expect(html).toContain("&lt;iframe src=//evil&gt;");
  });

  it("no component injects HTML", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.tsx?$/.test(name) && !name.endsWith(".test.tsx") && readFileSync(full, "utf8").includes("dangerouslySetInnerHTML"))
          offenders.push(full);
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
