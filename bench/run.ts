/**
 * `npm run bench`: every benchmark in its own child process (clean heap, --expose-gc), a table
 * per benchmark on stdout, everything in bench/results.json.
 *
 * Environment: BENCH_SCALE (executions in the list store; default 200000, e.g. 1000000),
 * BENCH_ONLY (comma list of interpreter,history,ingest,list,search,replay,page,pglist,pg-scale,express,first-start,load), BENCH_REPEATS (timed
 * runs per interpreter workflow, default 7), BENCH_FIRST_START_BASE (a commit the first-start
 * benchmark measures too, before HEAD, in the same run).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { HistoryResult } from "./history.bench";
import type { IngestResult } from "./ingest.bench";
import type { InterpreterResult } from "./interpreter.bench";
import type { ListResult } from "./list.bench";
import type { SearchResult } from "./search.bench";
import { formatHistory } from "./report/format-history";
import { formatIngest } from "./report/format-ingest";
import { formatInterpreter } from "./report/format-interpreter";
import { formatList } from "./report/format-list";
import { formatSearch } from "./report/format-search";
import { machineInfo } from "./support/machine";
import { optionalBench } from "./support/optional-bench";
import { REPO_ROOT, runInChild } from "./support/run-child";

const scale = Number(process.env.BENCH_SCALE ?? 200_000);
if (!Number.isInteger(scale) || scale < 1000) throw new Error(`BENCH_SCALE must be an integer >= 1000, got ${process.env.BENCH_SCALE}`);
const repeats = Number(process.env.BENCH_REPEATS ?? 7);
const only = new Set(
  (process.env.BENCH_ONLY ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);
const wanted = (name: string) => only.size === 0 || only.has(name);

const started = performance.now();
const machine = machineInfo();
const results: Record<string, unknown> = {};
const errors: Record<string, string> = {};
const skipped: Record<string, string> = {};

console.log(
  `statelens benchmarks: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, load ${machine.loadAverage}`,
);
console.log(`list store N = ${scale.toLocaleString("en-US")} (BENCH_SCALE), interpreter repeats = ${repeats}\n`);

async function step<T>(name: string, title: string, modulePath: string, options: unknown, format: (result: T) => string): Promise<void> {
  if (!wanted(name)) return;
  console.log(`== ${title}`);
  const t = performance.now();
  try {
    const result = await runInChild<T>(modulePath, options);
    results[name] = result;
    console.log(format(result));
  } catch (error) {
    errors[name] = error instanceof Error ? error.message : String(error);
    console.log(`  FAILED: ${errors[name]}`);
  }
  console.log(`  (${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
}

function formatOptional(result: unknown): string {
  if (result && typeof result === "object" && typeof (result as { summary?: unknown }).summary === "string")
    return (result as { summary: string }).summary;
  return JSON.stringify(result, null, 2).slice(0, 4000);
}

await step<InterpreterResult[]>(
  "interpreter",
  "1. Interpreter vs aws-local-stepfunctions (median transitions/s)",
  "bench/interpreter.bench.ts",
  { repeats },
  formatInterpreter,
);
await step<HistoryResult>("history", "2. 25,000-event history: time and peak memory", "bench/history.bench.ts", {}, formatHistory);
await step<IngestResult>(
  "ingest",
  "3. Ingestion store speed (saveExecution into SQLite and PostgreSQL, against the raw floor and the ORM path before)",
  "bench/ingest.bench.ts",
  {},
  formatIngest,
);
await step<ListResult>("list", "4. Execution list at scale (listExecutions)", "bench/list.bench.ts", { n: scale }, formatList);
await step<SearchResult>(
  "search",
  "4b. Payload search on SQLite: FTS5 trigram index vs the LIKE scan",
  "bench/search.bench.ts",
  { n: scale },
  formatSearch,
);
for (const [name, file, title] of [
  ["replay", "bench/replay.bench.ts", "5. Replay"],
  ["page", "bench/page.bench.ts", "6. Dashboard page timing"],
  ["pglist", "bench/pg-list.bench.ts", "7. Execution list on PostgreSQL"],
  ["pg-scale", "bench/pg-scale.bench.ts", "8. Dashboard on PostgreSQL at scale (1M executions, 50M events)"],
  ["express", "bench/express-logs.bench.ts", "9. Express executions from CloudWatch Logs under the FilterLogEvents quota"],
  ["first-start", "bench/first-start.bench.ts", "10. First start: fresh checkout -> serve --demo -> first page, against a bare next build"],
  ["load", "bench/load.bench.ts", "11. Pages under concurrent ingestion: 20 readers, idle vs 3 ingesting writers"],
] as const) {
  if (!wanted(name)) continue;
  const found = optionalBench(file);
  if (!found.present) {
    skipped[name] = found.reason;
    console.log(`== ${title}: skipped (${found.reason})\n`);
    continue;
  }
  await step<unknown>(name, title, file, {}, formatOptional);
}

const report = {
  machine: { ...machine, loadAverageAtEnd: machineInfo().loadAverage },
  scale,
  repeats,
  only: [...only],
  durationS: Math.round((performance.now() - started) / 1000),
  results,
  skipped,
  errors,
};
// A partial run (BENCH_ONLY) must not replace the last full report.
const out = path.join(REPO_ROOT, only.size ? "bench/results-partial.json" : "bench/results.json");
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), out)} (${report.durationS} s)`);
if (Object.keys(errors).length) process.exit(1);
