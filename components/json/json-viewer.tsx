"use client";

import { useMemo, useState } from "react";
import { CopyButton } from "./copy-button";
import { containersDeeperThan, flattenJson } from "./flatten-json";
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
    if (!parsed.ok) return new Set<string>();
    if (collapseDepth !== undefined) return containersDeeperThan(parsed.value, collapseDepth);
    return flattenJson(parsed.value, new Set(), BIG + 1).length > BIG ? containersDeeperThan(parsed.value, 2) : new Set<string>();
  }, [parsed, collapseDepth]);
  const [collapsed, setCollapsed] = useState<Set<string>>(initialCollapsed);
  const [shown, setShown] = useState(initialCollapsed);
  if (shown !== initialCollapsed) {
    // a new document: start from its own folding
    setShown(initialCollapsed);
    setCollapsed(initialCollapsed);
  }
  const [query, setQuery] = useState("");
  const pretty = useMemo(() => (parsed.ok ? JSON.stringify(parsed.value, null, 2) ?? "null" : parsed.text), [parsed]);
  const rows = useMemo(() => (parsed.ok ? flattenJson(parsed.value, query ? new Set() : collapsed, maxRows + 1) : []), [parsed, collapsed, query, maxRows]);
  const matches = useMemo(() => countMatches(pretty, query), [pretty, query]);
  const [scrollTop, setScrollTop] = useState(0);
  const shownRows = Math.min(rows.length, maxRows);
  const windowed = shownRows > WINDOW_OVER;
  const start = windowed ? Math.max(0, Math.min(Math.floor(scrollTop / ROW_HEIGHT), shownRows) - WINDOW_MARGIN) : 0;
  const end = windowed ? Math.min(shownRows, start + 2 * WINDOW_MARGIN + Math.ceil(360 / ROW_HEIGHT)) : shownRows;

  if (text === null || (text === undefined && value === undefined)) {
    return <div className="sl-json-empty" data-testid={testId}>{emptyText}</div>;
  }
  const toggle = (path: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
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
        {query ? <span className="sl-muted sl-small">{matches} match{matches === 1 ? "" : "es"}</span> : null}
        <span className="sl-spacer" />
        {parsed.ok ? (
          <>
            <button type="button" className="sl-btn sl-btn-small" onClick={() => setCollapsed(new Set())}>Expand all</button>
            <button type="button" className="sl-btn sl-btn-small" onClick={() => setCollapsed(containersDeeperThan(parsed.value, 1))}>Collapse</button>
          </>
        ) : null}
        <CopyButton text={pretty} />
      </div>
      {parsed.ok ? (
        <div className="sl-json-body mono" role="tree" onScroll={windowed ? (e) => setScrollTop(e.currentTarget.scrollTop) : undefined}>
          {start > 0 ? <div style={{ height: start * ROW_HEIGHT }} aria-hidden /> : null}
          {rows.slice(start, end).map((row, i) => (
            <div key={start + i} className="sl-json-row" style={{ paddingLeft: row.depth * 14 + 16, height: windowed ? ROW_HEIGHT : undefined }} role="treeitem" aria-expanded={row.role === "open" ? true : row.text.includes("…") ? false : undefined}>
              {row.role !== "close" && (row.role === "open" || row.text.includes("…")) ? (
                <button type="button" className="sl-json-toggle" aria-label={row.role === "open" ? "Collapse" : "Expand"} onClick={() => toggle(row.path)}>
                  {row.role === "open" ? "▾" : "▸"}
                </button>
              ) : null}
              {row.key !== null && row.role !== "close" ? (
                <span className="sl-json-key">
                  {typeof row.key === "number" ? <span className="sl-muted">{row.key}: </span> : <><Highlighted text={JSON.stringify(row.key)} query={query} />: </>}
                </span>
              ) : null}
              <span className={`sl-json-${row.role === "value" ? row.kind : "punct"}`}>
                <Highlighted text={row.text} query={query} />
              </span>
              {row.text.includes("…") && row.role === "value" ? (
                <span className="sl-muted sl-small"> {row.size} {row.kind === "array" ? "items" : "keys"}</span>
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
