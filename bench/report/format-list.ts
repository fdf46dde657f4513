import type { ListResult } from "../list.bench";
import { formatTable } from "../support/format-table";

/** Benchmark 4 as a table per request kind, the overall percentiles and each kind's plan. */
export function formatList(result: ListResult): string {
  const rows = result.kinds.map((k) => [k.kind, k.requests, k.ours.p50, k.ours.p95, k.ours.max, k.floor.p50, k.floor.p95]);
  rows.push(["ALL", result.requests, result.ours.p50, result.ours.p95, result.ours.max, result.floor.p50, result.floor.p95]);
  const fill = result.fill.reused ? `reused ${result.fill.file}` : `filled in ${(result.fill.ms / 1000).toFixed(1)} s: ${result.fill.file}`;
  const plans = result.kinds.map((k) => `  ${k.kind}: ${k.plan.join(" / ")}`);
  return [
    `  N = ${result.n.toLocaleString("en-US")} executions (${fill})`,
    formatTable(["request kind", "n", "p50 ms", "p95 ms", "max ms", "raw p50", "raw p95"], rows),
    `  p95 ${result.ours.p95} ms (target < ${result.targetP95Ms} ms: ${result.ours.p95 < result.targetP95Ms ? "ok" : "MISS"})` +
      (result.scanLimited ? `; ${result.scanLimited} input-condition requests hit the scan limit (short page, not compared)` : ""),
    "  query plans (EXPLAIN QUERY PLAN of the SQL Prisma sends):",
    ...plans,
  ].join("\n");
}
