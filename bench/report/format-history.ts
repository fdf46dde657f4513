import type { HistoryResult } from "../history.bench";
import { formatNumber, formatTable } from "../support/format-table";

/** Benchmark 2 as a table: cold and warm wall time, peak RSS, against the targets. */
export function formatHistory(result: HistoryResult): string {
  const row = (name: string, f: HistoryResult["ours"]) => [
    name,
    f.events ?? "n/a",
    f.coldMs,
    f.warmMedianMs,
    f.baselineRssMb,
    f.peakRssMb,
    f.events === null ? null : f.retainedHeapMb,
  ];
  const table = formatTable(
    ["engine", "events", "cold ms", "warm ms", "base RSS MB", "peak RSS MB", "history heap MB"],
    [row("statelens", result.ours), row("aws-local-stepfunctions", result.peer)],
  );
  const timeOk = result.ours.warmMedianMs < result.targets.ms && result.ours.coldMs < result.targets.ms;
  const memOk = result.ours.peakRssMb < result.targets.mb;
  return [
    table,
    `  targets: < ${result.targets.ms} ms ${timeOk ? "ok" : "MISS"}, peak RSS < ${result.targets.mb} MB ${memOk ? "ok" : "MISS"}; ` +
      `peer/ours warm time ${formatNumber(result.ratio, 1)}x (the peer records no AWS history)`,
  ].join("\n");
}
