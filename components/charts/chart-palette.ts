/**
 * Series colours: theme variables for outcomes, a fixed palette for open-ended splits. Series drawn
 * in one chart (CHART_SERIES) must stay apart in hue in both themes (chart-palette.test.ts).
 */
export const OUTCOME_COLORS = {
  succeeded: "var(--ok)",
  failed: "var(--fail)",
  timedOut: "var(--warn)",
  aborted: "var(--muted)",
  running: "var(--info)",
  retries: "var(--warn)",
  caught: "var(--caught)",
  redrives: "var(--info)",
  p50: "var(--accent)",
  p95: "var(--warn)",
} as const;

/** The series each outcome chart draws together. */
export const CHART_SERIES = {
  executions: ["succeeded", "failed", "timedOut", "aborted", "running"],
  reliability: ["retries", "caught", "redrives"],
  duration: ["p50", "p95"],
} as const satisfies Record<string, readonly (keyof typeof OUTCOME_COLORS)[]>;

const SPLIT = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"];

/** Colour of the i-th series of a split chart; "other" is always grey. */
export function splitColor(key: string, index: number): string {
  return key === "other" ? "#9aa5b1" : SPLIT[index % SPLIT.length];
}
