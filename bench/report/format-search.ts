import type { SearchResult } from "../search.bench";
import { formatTable } from "../support/format-table";

/** Benchmark 4b: payload search, ours (FTS5) against the LIKE scan, per kind of term. */
export function formatSearch(result: SearchResult): string {
  const rows = result.kinds.map((k) => [
    k.kind,
    k.samples,
    k.matches,
    k.ours.p50,
    k.ours.p95,
    k.ours.max,
    k.peer.p50,
    k.peer.p95,
    k.peer.max,
  ]);
  rows.push([
    "ALL",
    rows.reduce((sum, r) => sum + (r[1] as number), 0),
    "",
    result.ours.p50,
    result.ours.p95,
    result.ours.max,
    result.peer.p50,
    result.peer.p95,
    result.peer.max,
  ]);
  const fill = result.fill.reused
    ? `reused ${result.fill.file}`
    : `filled in ${(result.fill.ms / 1000).toFixed(1)} s incl. the index: ${result.fill.file}`;
  return [
    `  N = ${result.n.toLocaleString("en-US")} executions (${fill}); file ${result.fileMb} MB, of which the FTS5 index ${result.indexMb ?? "?"} MB`,
    formatTable(["search term", "n", "rows holding it", "FTS p50", "FTS p95", "FTS max", "LIKE p50", "LIKE p95", "LIKE max"], rows),
    `  p95 ${result.ours.p95} ms vs LIKE scan ${result.peer.p95} ms (target < ${result.targetP95Ms} ms: ${result.ours.p95 < result.targetP95Ms ? "ok" : "MISS"})`,
  ].join("\n");
}
