/** Summary statistics of timing samples (milliseconds). */
export interface Summary {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
}

/** The q-quantile (0..1) by linear interpolation between closest ranks. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error("quantile of no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * Math.min(Math.max(q, 0), 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    min: Math.min(...samples),
    median: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    max: Math.max(...samples),
  };
}

/** Rounds for the JSON report: 3 significant decimals below 10, 1 decimal below 1000, else whole. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const digits = abs < 10 ? 3 : abs < 1000 ? 1 : 0;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
