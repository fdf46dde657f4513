import type { IngestResult } from "../ingest.bench";
import { formatNumber, formatTable } from "../support/format-table";

/** Benchmark 3 as a table: saveExecution, the batch path (saveExecutions), the ORM path it replaced and the raw floor, per store and shape. */
export function formatIngest(result: IngestResult): string {
  const { targets } = result;
  const rows = result.cases.map((c) => [
    c.store,
    c.id,
    c.ours.medianMs,
    c.ours.eventsPerSecond,
    c.floor.medianMs,
    c.floor.eventsPerSecond,
    c.floorPerExecution.medianMs,
    `${formatNumber(c.slowdown, 1)}x`,
    c.slowdown <= targets.floorRatio ? "ok" : "MISS",
    c.batched.medianMs,
    `${formatNumber(c.batchedSlowdown, 1)}x`,
    c.batchedSlowdown <= targets.floorRatio ? "ok" : "MISS",
    c.before.medianMs,
    `${formatNumber(c.beforeSlowdown, 1)}x`,
  ]);
  const table = formatTable(
    [
      "store",
      "case",
      "save ms",
      "save ev/s",
      "floor ms",
      "floor ev/s",
      "floor/tx-each ms",
      "vs floor",
      `<=${targets.floorRatio}x`,
      "batch ms",
      "batch vs floor",
      `batch <=${targets.floorRatio}x`,
      "before ms",
      "before vs floor",
    ],
    rows,
  );
  const small = result.cases.find((c) => c.store === "sqlite" && c.executions > 1);
  const large = result.cases.find((c) => c.store === "sqlite" && c.executions === 1);
  return [
    table,
    small
      ? `  SQLite ${small.id}: ${formatNumber(small.ours.eventsPerSecond, 0)} events/s (target >= ${formatNumber(targets.eventsPerSecond, 0)}: ${small.ours.eventsPerSecond >= targets.eventsPerSecond ? "ok" : "MISS"})`
      : "",
    large
      ? `  SQLite 25,000-event execution stored in ${formatNumber(large.ours.medianMs, 0)} ms (target < ${targets.largeMs} ms: ${large.ours.medianMs < targets.largeMs ? "ok" : "MISS"})`
      : "",
    result.pgSkipped ? `  PostgreSQL skipped: ${result.pgSkipped}` : "",
  ]
    .filter(Boolean)
    .join("\n");
}
