import type { ExecutionDiff } from "@/lib/replay/diff-executions";

export interface CompareModel {
  identical: boolean;
  statusChanged: boolean;
  divergence: null | {
    /** 1-based position in the histories */
    position: number;
    reason: string;
    a: string;
    b: string;
    /** the two events' details as JSON text, for a JSON diff */
    aDetails: string | null;
    bDetails: string | null;
  };
  states: { key: string; stateName: string; where: string; before: string | null; after: string | null; errorChange: string | null }[];
  onlyInA: string[];
  onlyInB: string[];
  timing: { stateName: string; aMs: number; bMs: number; deltaMs: number; tone: "ok" | "fail" | "muted" }[];
}

const REASONS: Record<string, string> = {
  type: "a different event",
  state: "the same event type in another state",
  payload: "the same event with other data",
  "only-in-a": "the replay ends earlier",
  "only-in-b": "the replay goes on after the original ended",
};

/** Event details with their JSON-text payloads parsed, so a JSON diff reaches inside them. */
function detailsText(details: Record<string, unknown> | null | undefined): string | null {
  if (!details) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    out[key] = value;
    if (typeof value === "string" && /^(input|output|parameters|result)$/.test(key)) {
      try {
        out[key] = JSON.parse(value);
      } catch {
        // plain text payload
      }
    }
  }
  return JSON.stringify(out);
}

const text = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** `/Fan@1[2]|Work#1` -> `Fan iteration 2` (where a run sat, for people). */
function where(key: string): string {
  const thread = key.split("|")[0];
  const parts = [...thread.matchAll(/\/([^@]+)@\d+(?:\[([^\]]+)\]|\/b(\d+))/g)].map((m) =>
    m[2] !== undefined ? `${m[1]} iteration ${m[2]}` : `${m[1]} branch ${Number(m[3]) + 1}`,
  );
  const visit = /#(\d+)$/.exec(key)?.[1];
  return [...parts, visit && visit !== "1" ? `entry ${visit}` : ""].filter(Boolean).join(", ");
}

/** What the compare view shows, from the diff of two executions. */
export function prepareCompare(diff: ExecutionDiff, timingRows = 15): CompareModel {
  const d = diff.firstDivergence;
  const side = (s: { type: string; stateName: string | null } | null) =>
    s ? `${s.type}${s.stateName ? ` · ${s.stateName}` : ""}` : "(no event)";
  return {
    identical: diff.identical,
    statusChanged: diff.status.changed,
    divergence: d
      ? {
          position: d.index + 1,
          reason: REASONS[d.reason] ?? d.reason,
          a: side(d.a),
          b: side(d.b),
          aDetails: detailsText(d.a?.details),
          bDetails: detailsText(d.b?.details),
        }
      : null,
    states: diff.changedStates.map((s) => ({
      key: s.key,
      stateName: s.stateName,
      where: where(s.key),
      before: s.a.exited ? text(s.a.output) : null,
      after: s.b.exited ? text(s.b.output) : null,
      errorChange: s.a.error !== s.b.error ? `${s.a.error ?? "no error"} → ${s.b.error ?? "no error"}` : null,
    })),
    onlyInA: diff.onlyInA,
    onlyInB: diff.onlyInB,
    timing: diff.timing.slice(0, timingRows).map((t) => ({ ...t, tone: t.deltaMs < 0 ? "ok" : t.deltaMs > 0 ? "fail" : "muted" })),
  };
}
