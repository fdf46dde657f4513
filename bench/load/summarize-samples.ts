import type { Sample } from "./reader-pool";

export interface LatencySummary {
  requests: number;
  /** network errors and 5xx answers */
  errors: number;
  /** non-2xx/3xx answers, by status */
  statuses: Record<string, number>;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  perSecond: number;
}

function nearestRank(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

/** Latency percentiles (nearest rank, ms, of answered requests) and error counts. */
export function summarizeSamples(samples: readonly Sample[], durationMs: number): LatencySummary {
  const answered = samples
    .filter((s) => s.error === "")
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  let errors = 0;
  for (const s of samples) {
    if (s.error !== "" || s.status >= 500) errors++;
    if (s.error !== "") statuses.network = (statuses.network ?? 0) + 1;
    else if (s.status >= 400) statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
  }
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    requests: samples.length,
    errors,
    statuses,
    p50: round(nearestRank(answered, 50)),
    p95: round(nearestRank(answered, 95)),
    p99: round(nearestRank(answered, 99)),
    max: round(answered.length ? answered[answered.length - 1] : null),
    perSecond: Math.round((samples.length / (durationMs / 1000)) * 10) / 10,
  };
}
