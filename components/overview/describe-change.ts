/** How a figure moved against the range before: text and whether that is good, bad or neutral. */
export interface Change {
  text: string;
  tone: "better" | "worse" | "same" | "none";
}

/** A count (executions): relative change, "new" when there were none before. Neither good nor bad. */
export function countChange(current: number, previous: number): Change {
  if (previous === 0) return current === 0 ? { text: "–", tone: "none" } : { text: "new", tone: "none" };
  const pct = Math.round(((current - previous) / previous) * 100);
  return { text: pct === 0 ? "±0%" : `${pct > 0 ? "+" : ""}${pct}%`, tone: "none" };
}

/** A failure rate (0..1): change in percentage points; a higher rate is worse. */
export function rateChange(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { text: "–", tone: "none" };
  const points = Math.round((current - previous) * 1000) / 10;
  if (points === 0) return { text: "±0 pp", tone: "same" };
  return { text: `${points > 0 ? "+" : ""}${points} pp`, tone: points > 0 ? "worse" : "better" };
}

/** A duration (p95): relative change; slower is worse. */
export function durationChange(current: number | null, previous: number | null): Change {
  if (current === null || previous === null || previous === 0) return { text: "–", tone: "none" };
  const pct = Math.round(((current - previous) / previous) * 100);
  if (pct === 0) return { text: "±0%", tone: "same" };
  return { text: `${pct > 0 ? "+" : ""}${pct}%`, tone: pct > 0 ? "worse" : "better" };
}

export function formatRate(rate: number | null): string {
  return rate === null ? "–" : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
