/**
 * Execution durations in the over-time buckets are kept as a log histogram: bin =
 * floor(log2(max(ms, 1)) * 8), so a bin spans a factor of 2^(1/8) (9 %) and a percentile read
 * back from it is within ~4.5 % of the exact one. Pure: used by lib/db and the chart preparation.
 */
export const BINS_PER_DOUBLING = 8;

/** -1 when the execution has no duration yet (running, or no stop date). */
export function durationBin(durationMs: number | null, status: string): number {
  if (durationMs === null || status === "RUNNING") return -1;
  return Math.floor(Math.log2(Math.max(durationMs, 1)) * BINS_PER_DOUBLING);
}

/** The duration a bin stands for: its geometric middle, in whole ms. */
export function binMs(bin: number): number {
  return Math.round(2 ** ((bin + 0.5) / BINS_PER_DOUBLING));
}

/** Nearest-rank percentile of a histogram (bin -> count), as a bin's duration; null when empty. */
export function histogramPercentile(histogram: ReadonlyMap<number, number>, p: number): number | null {
  let total = 0;
  for (const [bin, n] of histogram) if (bin >= 0) total += n;
  if (total <= 0) return null;
  const rank = Math.min(total, Math.max(1, Math.ceil((p / 100) * total)));
  let seen = 0;
  for (const bin of [...histogram.keys()].filter((b) => b >= 0).sort((a, b) => a - b)) {
    seen += histogram.get(bin)!;
    if (seen >= rank) return binMs(bin);
  }
  return null;
}
