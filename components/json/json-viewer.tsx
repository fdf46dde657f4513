"use client";

import { useMemo, useState } from "react";
import { CopyButton } from "./copy-button";
import { jsonDepth } from "../../lib/json/json-depth";
import { stringifyJson } from "../../lib/asl/evaluate/stringify-json";
import { flattenJson } from "./flatten-json";
import { Highlighted } from "./highlighted";
import { parsePayload } from "./json-path";
import { countMatches } from "./split-matches";

export interface JsonViewerProps {
  /** JSON text (payload fields are JSON text); shown as plain text when it does not parse */
  text?: string | null;
  /** an already parsed value; used when `text` is undefined */
  value?: unknown;
  /** containers this deep start folded; default folds below depth 2 for big documents */
  collapseDepth?: number;
  /** most rows rendered at once */
  maxRows?: number;
  testId?: string;
  emptyText?: string;
}

const BIG = 400;
/** Deeper documents are copied and searched as compact text: indenting 10,000 levels is gigabytes. */
const PRETTY_DEPTH = 64;

/**
 * What is folded: containers at `below` and deeper, except the paths in `flipped`, plus the
 * shallower paths in `flipped`. A rule, not a list of paths: folding everything below depth 2 of a
 * document nested 10,000 levels deep must not build 10,000 paths of up to 20,000 characters each.
 */
interface Folding {
  below: number | null;
  flipped: ReadonlySet<string>;
}
const NOTHING_FOLDED: Folding = { below: null, flipped: new Set() };
const foldedBelow = (below: number | null): Folding => ({ below, flipped: new Set() });
const isFolded = (folding: Folding) => (path: string, depth: number) =>
  (folding.below !== null && depth >= folding.below) !== folding.flipped.has(path);
/** A row's height in .sl-json-body (12.5px text, line-height 1.5, one line per row). */
const ROW_HEIGHT = 18.75;
/** Longer documents keep only the rows in view (and a margin) in the DOM. */
const WINDOW_OVER = 200;
const WINDOW_MARGIN = 40;

/**
 * Collapsible, searchable JSON view. Untrusted payloads are rendered as React text only
 * (no HTML injection): a string holding `<script>` shows literally.
 */
export function JsonViewer({ text, value, collapseDepth, maxRows = 4000, testId, emptyText = "No data" }: JsonViewerProps) {
  const parsed = useMemo(() => (text !== undefined ? parsePayload(text) : { ok: true as const, value }), [text, value]);
  const initialCollapsed = useMemo(() => {
    if (!parsed.ok) return NOTHING_FOLDED;
    if (collapseDepth !== undefined) return foldedBelow(collapseDepth);
    return foldedBelow(flattenJson(parsed.value, new Set(), BIG + 1).length > BIG ? 2 : null);
  }, [parsed, collapseDepth]);
  const [collapsed, setCollapsed] = useState<Folding>(initialCollapsed);
  const [shown, setShown] = useState(initialCollapsed);
  if (shown !== initialCollapsed) {
    // a new document: start from its own folding
    setShown(initialCollapsed);
    setCollapsed(initialCollapsed);
  }
  const [query, setQuery] = useState("");
  const pretty = useMemo(() => {
    if (!parsed.ok) return parsed.text;
    const indent = jsonDepth(parsed.value, PRETTY_DEPTH + 1) > PRETTY_DEPTH ? 0 : 2;
    return stringifyJson(parsed.value, indent) ?? "null";
  }, [parsed]);
  const rows = useMemo(
    () => (parsed.ok ? flattenJson(parsed.value, query ? new Set() : isFolded(collapsed), maxRows + 1) : []),
    [parsed, collapsed, query, maxRows],
  );
  const matches = useMemo(() => countMatches(pretty, query), [pretty, query]);
  const [scrollTop, setScrollTop] = useState(0);
  const shownRows = Math.min(rows.length, maxRows);
  const windowed = shownRows > WINDOW_OVER;
  const start = windowed ? Math.max(0, Math.min(Math.floor(scrollTop / ROW_HEIGHT), shownRows) - WINDOW_MARGIN) : 0;
  const end = windowed ? Math.min(shownRows, start + 2 * WINDOW_MARGIN + Math.ceil(360 / ROW_HEIGHT)) : shownRows;

  if (text === null || (text === undefined && value === undefined)) {
    return (
      <div className="sl-json-empty" data-testid={testId}>
        {emptyText}
      </div>
    );
  }
  const toggle = (path: string) =>
    setCollapsed((prev) => {
      const flipped = new Set(prev.flipped);
      if (flipped.has(path)) flipped.delete(path);
      else flipped.add(path);
      return { below: prev.below, flipped };
    });
  return (
    <div className="sl-json" data-testid={testId}>
      <div className="sl-json-toolbar">
        <input
          type="search"
          className="sl-json-search"
          placeholder="Search"
          aria-label="Search in JSON"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {query ? (
          <span className="sl-muted sl-small">
            {matches} match{matches === 1 ? "" : "es"}
          </span>
        ) : null}
        <span className="sl-spacer" />
        {parsed.ok ? (
          <>
            <button type="button" className="sl-btn sl-btn-small" onClick={() => setCollapsed(NOTHING_FOLDED)}>
              Expand all
            </button>
            <button type="button" className="sl-btn sl-btn-small" onClick={() => setCollapsed(foldedBelow(1))}>
              Collapse
            </button>
          </>
        ) : null}
        <CopyButton text={pretty} />
      </div>
      {parsed.ok ? (
        <div className="sl-json-body mono" role="tree" onScroll={windowed ? (e) => setScrollTop(e.currentTarget.scrollTop) : undefined}>
          {start > 0 ? <div style={{ height: start * ROW_HEIGHT }} aria-hidden /> : null}
          {rows.slice(start, end).map((row, i) => (
            <div
              key={start + i}
              className="sl-json-row"
              style={{ paddingLeft: row.depth * 14 + 16, height: windowed ? ROW_HEIGHT : undefined }}
              role="treeitem"
              aria-selected={false}
              aria-expanded={row.role === "open" ? true : row.text.includes("…") ? false : undefined}
            >
              {row.role !== "close" && (row.role === "open" || row.text.includes("…")) ? (
                <button
                  type="button"
                  className="sl-json-toggle"
                  aria-label={row.role === "open" ? "Collapse" : "Expand"}
                  onClick={() => toggle(row.path)}
                >
                  {row.role === "open" ? "▾" : "▸"}
                </button>
              ) : null}
              {row.key !== null && row.role !== "close" ? (
                <span className="sl-json-key">
                  {typeof row.key === "number" ? (
                    <span className="sl-muted">{row.key}: </span>
                  ) : (
                    <>
                      <Highlighted text={JSON.stringify(row.key)} query={query} />:{" "}
                    </>
                  )}
                </span>
              ) : null}
              <span className={`sl-json-${row.role === "value" ? row.kind : "punct"}`}>
                <Highlighted text={row.text} query={query} />
              </span>
              {row.text.includes("…") && row.role === "value" ? (
                <span className="sl-muted sl-small">
                  {" "}
                  {row.size} {row.kind === "array" ? "items" : "keys"}
                </span>
              ) : null}
              {row.comma ? <span className="sl-json-punct">,</span> : null}
            </div>
          ))}
          {end < shownRows ? <div style={{ height: (shownRows - end) * ROW_HEIGHT }} aria-hidden /> : null}
          {rows.length > maxRows ? <div className="sl-muted sl-small">… more rows not shown; use Copy for the full document</div> : null}
        </div>
      ) : (
        <pre className="sl-json-raw mono">
          <Highlighted text={parsed.text} query={query} />
        </pre>
      )}
    </div>
  );
}
