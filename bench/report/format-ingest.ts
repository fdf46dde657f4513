import type { IngestResult } from "../ingest.bench";
import { formatNumber, formatTable } from "../support/format-table";

/** Benchmark 3 as a table: saveExecution vs the raw floor, events per second. */
export function formatIngest(result: IngestResult): string {
  const rows = result.cases.map((c) => [
    c.id,
    c.events,
    c.ours.medianMs,
    c.ours.eventsPerSecond,
    c.floor.medianMs,
    c.floor.eventsPerSecond,
    c.floorPerExecution.medianMs,
    `${formatNumber(c.slowdown, 1)}x`,
    c.ours.eventsPerSecond >= result.targets.eventsPerSecond ? "ok" : "MISS",
  ]);
  const table = formatTable(
    ["case", "events", "save ms", "save ev/s", "floor ms", "floor ev/s", "floor/tx-each ms", "slower", ">=50k ev/s"],
    rows,
  );
  const large = result.cases[result.cases.length - 1];
  return [
    table,
    `  25,000-event execution stored in ${formatNumber(large.ours.medianMs, 0)} ms (target < ${result.targets.largeMs} ms: ${large.ours.medianMs < result.targets.largeMs ? "ok" : "MISS"})`,
  ].join("\n");
}
