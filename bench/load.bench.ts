/**
 * Bench 11, pages under concurrent ingestion: bench/load/write-contention.ts (20 readers over the
 * list and execution pages, idle, then while 3 writer processes ingest into the same SQLite store)
 * run as a step of `npm run bench`; the peer is the same pages idle, measured in the same run.
 * BENCH_LOAD_SECONDS sets each phase's length (default 30).
 */
import { runForJsonResult } from "./support/run-child";

interface Phase {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
}
interface ContentionReport {
  idle: { list: Phase; execution: Phase };
  load: { list: Phase; execution: Phase };
  p95Ratio: { list: number; execution: number };
  writerRuns: { runs: number; failed: number; medianMs: number };
}

export async function run() {
  const seconds = process.env.BENCH_LOAD_SECONDS ?? "30";
  const { code, result: report } = await runForJsonResult<ContentionReport>(
    (out) => ({
      args: ["--import", "tsx", "bench/load/write-contention.ts", "--seconds", seconds, "--readers", "20", "--writers", "3", "--json", out],
    }),
    "ignore",
  );
  if (!report) throw new Error(`write-contention exited with ${code} without a report`);
  if (code !== 0) {
    const failed = [report.idle, report.load].flatMap((phase) => [phase.list.errors, phase.execution.errors]).reduce((a, b) => a + b, 0);
    throw new Error(`write-contention exited with ${code}: ${failed} failed requests, ${report.writerRuns.failed} failed writer runs`);
  }
  const row = (kind: "list" | "execution") => {
    const idle = report.idle[kind];
    const load = report.load[kind];
    const ratio = report.p95Ratio[kind];
    return `  ${kind.padEnd(10)} idle p95 ${idle.p95.toFixed(0)} ms (${idle.requests}) -> under 3 writers p95 ${load.p95.toFixed(0)} ms (${load.requests}): ${ratio.toFixed(2)}x the idle figure, target < 2x: ${ratio < 2 ? "ok" : "MISS"}`;
  };
  const writers = report.writerRuns;
  return {
    ...report,
    summary: [
      row("list"),
      row("execution"),
      `  writer runs ${writers.runs} (${writers.failed} failed), median ${(writers.medianMs / 1000).toFixed(1)} s`,
    ].join("\n"),
  };
}
