import type { InterpreterResult } from "../interpreter.bench";
import { formatNumber, formatTable } from "../support/format-table";

/** Benchmark 1 as a table: transitions per second per engine, the ratio and the 5x target. */
export function formatInterpreter(results: readonly InterpreterResult[]): string {
  const rows = results.map((r) => [
    r.id,
    r.transitions,
    r.ours.medianMs,
    r.ours.transitionsPerSecond,
    r.peer.medianMs,
    r.peer.transitionsPerSecond,
    `${formatNumber(r.ratio, 1)}x`,
    `${formatNumber(r.pairedRatio, 1)}x`,
    r.ratio >= r.target ? "ok" : `MISS (<${r.target}x)`,
  ]);
  const table = formatTable(["workflow", "transitions", "ours ms", "ours tr/s", "peer ms", "peer tr/s", "ratio", "paired", "target"], rows);
  const notes = results.filter((r) => r.note).map((r) => `  ${r.id}: ${r.note}`);
  return [table, ...notes].join("\n");
}
