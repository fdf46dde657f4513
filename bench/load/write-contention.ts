/**
 * Reads while writers ingest: `statelens serve --demo` on 127.0.0.1 over a temporary SQLite
 * store; `--readers` loops fetch list pages (/executions with filters) and execution pages
 * (/executions/{id}) first with nothing else running (idle), then for the same time while
 * `--writers` processes ingest back to back into the same store (`statelens demo` with new
 * seeds, which stores new executions and replaces stored ones, alternating with `statelens
 * import` of the AWS histories). Prints p50/p95 per page kind idle and under load, and the p95
 * ratio (target under 2x).
 *
 *   npx tsx bench/load/write-contention.ts [--seconds 30] [--readers 20] [--writers 3] [--port 3481]
 *     [--writer-root <checkout>]   (writers run that checkout's CLI, e.g. the code before a change)
 *     [--json out.json]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "../../lib/db/client";
import { resolveDatabaseUrl } from "../../lib/db/database-url";
import { HISTORIES_DIR } from "../../testing/corpus";
import { runReaders, type Sample } from "./reader-pool";
import { ROOT, startServe } from "./serve-process";
import { summarizeSamples, type LatencySummary } from "./summarize-samples";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "30" },
    readers: { type: "string", default: "20" },
    writers: { type: "string", default: "3" },
    port: { type: "string", default: "3481" },
    "writer-root": { type: "string", default: ROOT },
    json: { type: "string" },
  },
});
const durationMs = Number(args.seconds) * 1000;
const readers = Number(args.readers);
const writers = Number(args.writers);
const writerRoot = path.resolve(args["writer-root"]);

interface WriterRun {
  command: string;
  ms: number;
  exitCode: number | null;
}

function runCli(cliArgs: string[], databaseUrl: string): Promise<WriterRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/statelens.mjs", ...cliArgs], {
      cwd: writerRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: "ignore",
    });
    child.on("exit", (code) => resolve({ command: cliArgs[0], ms: Date.now() - started, exitCode: code }));
  });
}

function byKind(samples: readonly Sample[], elapsedMs: number): Record<string, LatencySummary> {
  const out: Record<string, LatencySummary> = {};
  for (const kind of ["list", "execution"])
    out[kind] = summarizeSamples(
      samples.filter((s) => s.kind === kind),
      elapsedMs,
    );
  return out;
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-contention-"));
  const databaseUrl = `file:${path.join(dir, "load.db")}`;
  console.log(`contention: starting statelens serve --demo on 127.0.0.1:${args.port} over ${databaseUrl} ...`);
  const server = await startServe({ port: Number(args.port), databaseUrl, demo: true });
  const db = createDb(resolveDatabaseUrl(databaseUrl));
  try {
    const executions = await db.execution.findMany({ select: { id: true }, take: 200 });
    const lists = [
      "/executions",
      "/executions?status=FAILED",
      "/executions?status=SUCCEEDED",
      "/executions?q=order",
      "/executions?source=local",
    ];
    const pages = executions.map((e) => `/executions/${e.id}`);
    const next = (reader: number, i: number) => {
      const n = reader * 7919 + i * 104729;
      return n % 2 === 0 ? { path: lists[n % lists.length], kind: "list" } : { path: pages[n % pages.length], kind: "execution" };
    };
    const read = async () => {
      const started = Date.now();
      const samples = await runReaders({ baseUrl: server.url, readers, durationMs, maxRequests: 1_000_000, next });
      return { samples, elapsed: Date.now() - started };
    };
    // warm the server's compiled routes and caches before anything is timed
    await runReaders({ baseUrl: server.url, readers: 4, durationMs: 5_000, maxRequests: 200, next });

    console.log(`contention: idle: ${readers} readers for ${durationMs / 1000} s`);
    const idle = await read();
    console.log(`contention: load: ${readers} readers and ${writers} writers (${writerRoot}) for ${durationMs / 1000} s`);
    const runs: WriterRun[] = [];
    let stop = false;
    const writing = Array.from({ length: writers }, async (_, w) => {
      for (let k = 0; !stop; k++) {
        const recorded = k % 2 === 1;
        runs.push(
          await runCli(
            recorded ? ["import", HISTORIES_DIR, "--json"] : ["demo", "--count", "100", "--seed", String(1000 * (w + 1) + k)],
            databaseUrl,
          ),
        );
      }
    });
    await new Promise((r) => setTimeout(r, 3_000)); // writers past their start-up, writing
    const loaded = await read();
    stop = true;
    await Promise.all(writing);

    const idleKinds = byKind(idle.samples, idle.elapsed);
    const loadKinds = byKind(loaded.samples, loaded.elapsed);
    const ratio = (kind: string) => {
      const a = idleKinds[kind].p95;
      const b = loadKinds[kind].p95;
      return a && b ? Math.round((b / a) * 100) / 100 : null;
    };
    const report = {
      readers,
      writers,
      seconds: durationMs / 1000,
      writerRoot,
      machine: { cpus: os.cpus().length, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      idle: idleKinds,
      load: loadKinds,
      p95Ratio: { list: ratio("list"), execution: ratio("execution") },
      writerRuns: {
        runs: runs.length,
        failed: runs.filter((r) => r.exitCode !== 0).length,
        medianMs: runs.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? null,
      },
      executionsAtEnd: await db.execution.count(),
    };
    console.log(JSON.stringify(report, null, 2));
    const row = (kind: string) =>
      `${kind.padEnd(10)} idle p50 ${idleKinds[kind].p50} / p95 ${idleKinds[kind].p95} ms; load p50 ${loadKinds[kind].p50} / p95 ${loadKinds[kind].p95} ms; p95 ratio ${ratio(kind)}x (target < 2x)`;
    console.log(`\n${row("list")}\n${row("execution")}`);
    if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2));
    const errors = [...Object.values(idleKinds), ...Object.values(loadKinds)].reduce((n, s) => n + s.errors, 0);
    if (errors > 0 || report.writerRuns.failed > 0) process.exitCode = 1;
  } finally {
    await db.$disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
