/**
 * Load test: `statelens serve` on 127.0.0.1 over a temporary SQLite store seeded with the demo,
 * while ingestion runs again and again into the same store (`statelens demo` with new seeds, which
 * replaces histories, and `statelens import test-data/histories`) and N readers fetch pages and API
 * routes for a fixed time. Prints errors and p50/p95/p99 latency for pages and API calls.
 *
 *   npx tsx bench/load/run-load.ts [--duration 60] [--readers 50] [--port 3480] [--rebuild] [--json out.json]
 *     [--histories test-data/histories]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "../../lib/db/client";
import { resolveDatabaseUrl } from "../../lib/db/database-url";
import { runReaders, type Sample } from "./reader-pool";
import { HISTORIES_DIR } from "../../testing/corpus";
import { ROOT, startServe } from "./serve-process";
import { summarizeSamples } from "./summarize-samples";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "60" },
    readers: { type: "string", default: "50" },
    port: { type: "string", default: "3480" },
    "max-requests": { type: "string", default: "200000" },
    rebuild: { type: "boolean", default: false },
    json: { type: "string" },
    histories: { type: "string", default: HISTORIES_DIR },
  },
});
const durationMs = Number(args.duration) * 1000;
const readers = Number(args.readers);
const HISTORIES = path.resolve(args.histories);

interface IngestRun {
  command: string;
  ms: number;
  exitCode: number | null;
}

function runCli(cliArgs: string[], databaseUrl: string): Promise<IngestRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/statelens.mjs", ...cliArgs], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: "ignore",
    });
    child.on("exit", (code) => resolve({ command: cliArgs.slice(0, 2).join(" "), ms: Date.now() - started, exitCode: code }));
  });
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-load-"));
  const databaseUrl = `file:${path.join(dir, "load.db")}`;
  console.log(`load: store ${databaseUrl}; starting statelens serve --demo on 127.0.0.1:${args.port} ...`);
  const server = await startServe({ port: Number(args.port), databaseUrl, demo: true, rebuild: args.rebuild });
  const db = createDb(resolveDatabaseUrl(databaseUrl));
  try {
    const seeded = await db.execution.count();
    const executions = await db.execution.findMany({ select: { id: true, stateMachineId: true }, take: 300 });
    const machines = [...new Set(executions.map((e) => e.stateMachineId))];
    const pages = [
      "/executions",
      "/executions?status=FAILED",
      "/executions?q=order",
      "/executions?source=local&status=SUCCEEDED",
      "/state-machines",
      ...machines.map((id) => `/state-machines/${id}`),
      ...executions.slice(0, 100).map((e) => `/executions/${e.id}`),
    ];
    const apis = [
      "/api/executions",
      "/api/executions?status=FAILED",
      ...executions.slice(0, 100).flatMap((e) => [`/api/executions/${e.id}`, `/api/executions/${e.id}/events`]),
    ];
    console.log(
      `load: ${seeded} executions seeded; ${readers} readers for ${durationMs / 1000} s over ${pages.length} pages and ${apis.length} API routes, ingestion running alongside`,
    );

    const ingestRuns: IngestRun[] = [];
    const deadline = Date.now() + durationMs;
    const ingest = (async () => {
      for (let k = 1; Date.now() < deadline; k++) {
        const importRecorded = k % 2 === 0;
        ingestRuns.push(
          await runCli(
            importRecorded ? ["import", HISTORIES, "--json"] : ["demo", "--count", "100", "--seed", String(100 + k)],
            databaseUrl,
          ),
        );
      }
    })();
    const started = Date.now();
    const samples = await runReaders({
      baseUrl: server.url,
      readers,
      durationMs,
      maxRequests: Number(args["max-requests"]),
      next: (reader, i) => {
        const n = reader * 7919 + i * 104729;
        return n % 5 < 3 ? { path: pages[n % pages.length], kind: "page" } : { path: apis[n % apis.length], kind: "api" };
      },
    });
    const elapsed = Date.now() - started;
    await ingest;
    const report = {
      durationS: elapsed / 1000,
      readers,
      machine: { cpus: os.cpus().length, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      pages: summarizeSamples(
        samples.filter((s: Sample) => s.kind === "page"),
        elapsed,
      ),
      api: summarizeSamples(
        samples.filter((s: Sample) => s.kind === "api"),
        elapsed,
      ),
      ingestion: {
        runs: ingestRuns.length,
        failed: ingestRuns.filter((r) => r.exitCode !== 0).length,
        medianMs: ingestRuns.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(ingestRuns.length / 2)] ?? null,
        executionsAtEnd: await db.execution.count(),
      },
      sampleErrors: [...new Set(samples.filter((s) => s.error).map((s) => s.error))].slice(0, 5),
    };
    console.log(JSON.stringify(report, null, 2));
    if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2));
    if (report.pages.errors + report.api.errors > 0 || report.ingestion.failed > 0) process.exitCode = 1;
  } finally {
    await db.$disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
