/** Series colours: theme variables for outcomes, a fixed palette for open-ended splits. */
export const OUTCOME_COLORS = {
  succeeded: "var(--ok)",
  failed: "var(--fail)",
  timedOut: "var(--warn)",
  aborted: "var(--muted)",
  running: "var(--info)",
  retries: "var(--warn)",
  caught: "var(--accent)",
  redrives: "var(--info)",
  p50: "var(--accent)",
  p95: "var(--warn)",
} as const;

const SPLIT = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"];

/** Colour of the i-th series of a split chart; "other" is always grey. */
export function splitColor(key: string, index: number): string {
  return key === "other" ? "#9aa5b1" : SPLIT[index % SPLIT.length];
}
