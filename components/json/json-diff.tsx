"use client";

import { useMemo } from "react";
import { diffJson } from "./diff-json";
import { parsePayload } from "./json-path";
import { sideBySideRows, type SideLine } from "./side-by-side-rows";

export interface JsonDiffProps {
  /** JSON text of each side (shown as a text value when it does not parse) */
  before: string | null;
  after: string | null;
  beforeTitle?: string;
  afterTitle?: string;
  testId?: string;
}

/** Changed paths, then both documents side by side with added, removed and changed lines marked. */
export function JsonDiff({ before, after, beforeTitle = "Input", afterTitle = "Output", testId }: JsonDiffProps) {
  const { entries, rows } = useMemo(() => {
    const a = asValue(before);
    const b = asValue(after);
    return { entries: diffJson(a, b), rows: sideBySideRows(a, b) };
  }, [before, after]);
  return (
    <div className="sl-diff" data-testid={testId}>
      <div className="sl-diff-summary">
        {entries.length === 0 ? (
          <span className="sl-muted">No differences</span>
        ) : (
          <ul>
            {entries.slice(0, 200).map((e, i) => (
              <li key={i} className={`sl-diff-${e.kind}`} data-kind={e.kind}>
                <span className="sl-diff-sign">{e.kind === "added" ? "+" : e.kind === "removed" ? "−" : "~"}</span>
                <code>{e.path}</code>
                {e.kind === "changed" ? (
                  <span className="sl-muted">
                    {" "}
                    {short(e.before)} → {short(e.after)}
                  </span>
                ) : null}
              </li>
            ))}
            {entries.length > 200 ? <li className="sl-muted">… {entries.length - 200} more</li> : null}
          </ul>
        )}
      </div>
      <div className="sl-diff-grid mono" role="table">
        <div className="sl-diff-head" role="row">
          <span role="columnheader">{beforeTitle}</span>
          <span role="columnheader">{afterTitle}</span>
        </div>
        {rows.map((row, i) => (
          <div key={i} className="sl-diff-row" role="row">
            <Cell line={row.left} />
            <Cell line={row.right} />
          </div>
        ))}
      </div>
    </div>
  );
}

function Cell({ line }: { line: SideLine | null }) {
  if (!line) return <span role="cell" className="sl-diff-cell sl-diff-blank" />;
  return (
    <span role="cell" className={`sl-diff-cell sl-diff-${line.kind}`} style={{ paddingLeft: 8 + line.depth * 14 }}>
      {line.text}
    </span>
  );
}

function asValue(text: string | null): unknown {
  const parsed = parsePayload(text);
  return parsed.ok ? parsed.value : parsed.text;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
