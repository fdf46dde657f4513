/**
 * Several app instances on one PostgreSQL database: 2 × `statelens serve` on different ports,
 * 2 × `statelens ingest aws --follow` from one `statelens sfn-local` endpoint (more executions are
 * started there while it runs), readers hitting both instances, and operators replaying executions
 * through the API of both instances (the same few originals, so replays of one execution are saved
 * at the same time by both). Prints counts and p95s; exits 1 on any error, duplicate or lost write.
 *
 *   npx tsx bench/load/multi-instance.ts [--duration 60] [--readers 16] [--writers 4] [--executions 150]
 *     [--ports 3500,3501] [--pg postgresql://postgres@127.0.0.1:5432] [--json out.json] [--rebuild]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDb } from "../../lib/db/client";
import { resolveDatabaseUrl } from "../../lib/db/database-url";
import { checkIngested, checkReplayWrites, type AcceptedReplay } from "../../testing/ingest/check-writes";
import { runReaders, type Sample } from "./reader-pool";
import { quantile, round } from "../support/stats";
import { ROOT, startServe, type ServeHandle } from "./serve-process";
import { startSfnLocalSource } from "../../testing/ingest/sfn-local-source";
import { summarizeSamples } from "./summarize-samples";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "60" },
    readers: { type: "string", default: "16" },
    writers: { type: "string", default: "4" },
    executions: { type: "string", default: "150" },
    ports: { type: "string", default: "3500,3501" },
    pg: { type: "string", default: "postgresql://postgres@127.0.0.1:5432" },
    json: { type: "string" },
    rebuild: { type: "boolean", default: false },
  },
});
const durationMs = Number(args.duration) * 1000;
const readers = Number(args.readers);
const writers = Number(args.writers);
const executions = Number(args.executions);
const ports = args.ports.split(",").map(Number);
for (const [name, value] of Object.entries({
  "--duration": durationMs,
  "--readers": readers,
  "--writers": writers,
  "--executions": executions,
})) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
}
if (ports.length !== 2 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535))
  throw new Error(`--ports must be two port numbers, e.g. 3500,3501 (got "${args.ports}")`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p95 = (values: number[]) => (values.length ? round(quantile(values, 0.95)) : null);

interface Worker {
  name: string;
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

function startWorker(name: string, endpoint: string, databaseUrl: string): Worker {
  const child = spawn(
    process.execPath,
    ["bin/statelens.mjs", "ingest", "aws", "--endpoint", endpoint, "--region", "us-east-1", "--follow", "--interval", "2s", "--json"],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_NO_WARNINGS: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const worker: Worker = { name, child, stdout: "", stderr: "", exited: new Promise((resolve) => child.once("exit", resolve)) };
  child.stdout!.on("data", (c: Buffer) => void (worker.stdout += c.toString()));
  child.stderr!.on("data", (c: Buffer) => void (worker.stderr = (worker.stderr + c.toString()).slice(-20_000)));
  return worker;
}

async function main() {
  const dbName = `statelens_multi_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${args.pg}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const databaseUrl = `${args.pg}/${dbName}`;
  const servers: ServeHandle[] = [];
  const workers: Worker[] = [];
  const source = await startSfnLocalSource({ machines: 3, env: { NODE_NO_WARNINGS: "1" } });
  const db = createDb(resolveDatabaseUrl(databaseUrl));
  try {
    await source.startExecutions(executions);
    console.log(
      `multi: database ${dbName}; sfn-local on ${source.url} with ${executions} executions; starting 2 × statelens serve (ports ${ports.join(", ")}) and 2 ingest workers ...`,
    );
    // Both instances migrate the fresh database at once; without a build the first one builds it.
    const built = existsSync(path.join(ROOT, ".next", "BUILD_ID")) && !args.rebuild;
    workers.push(startWorker("worker-1", source.url, databaseUrl), startWorker("worker-2", source.url, databaseUrl));
    if (built) servers.push(...(await Promise.all(ports.map((port) => startServe({ port, databaseUrl })))));
    else for (const [i, port] of ports.entries()) servers.push(await startServe({ port, databaseUrl, rebuild: args.rebuild && i === 0 }));

    while ((await db.execution.count().catch(() => 0)) < Math.min(30, executions)) await sleep(500);
    const targets = await db.execution.findMany({ select: { id: true }, orderBy: { executionArn: "asc" }, take: 100 });
    const originals = targets.slice(0, 3).map((t) => t.id); // few, so both instances replay one execution at the same time
    const pages = ["/executions", "/executions?status=FAILED", "/state-machines", ...targets.map((t) => `/executions/${t.id}`)];
    const apis = [
      "/api/executions",
      "/api/executions?status=FAILED",
      ...targets.flatMap((t) => [`/api/executions/${t.id}`, `/api/executions/${t.id}/events`]),
    ];
    console.log(
      `multi: ${readers} readers and ${writers} replaying operators over both instances for ${durationMs / 1000} s; ${executions / 2} more executions start meanwhile`,
    );

    const deadline = Date.now() + durationMs;
    const accepted: AcceptedReplay[] = [];
    const writeMs: number[] = [];
    const writeErrors: string[] = [];
    const operators = Array.from({ length: writers }, async (_, w) => {
      const base = servers[w % servers.length].url;
      for (let i = 0; Date.now() < deadline; i++) {
        const originalId = originals[(w + i) % originals.length];
        const started = performance.now();
        try {
          const response = await fetch(`${base}/api/executions/${originalId}/replay`, {
            method: "POST",
            headers: { "content-type": "application/json", origin: base },
            body: "{}",
            signal: AbortSignal.timeout(60_000),
          });
          const body = (await response.json()) as { replayId?: string; error?: string };
          writeMs.push(performance.now() - started);
          if (response.status !== 200 || !body.replayId)
            writeErrors.push(`${base}: ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
          else accepted.push({ originalId, replayId: body.replayId });
        } catch (error) {
          writeErrors.push(`${base}: ${(error as Error).message}`);
        }
      }
    });
    const more = (async () => {
      for (let added = 0; added < executions / 2 && Date.now() < deadline - 5_000; added += 5) {
        await source.startExecutions(5);
        await sleep(Math.max(100, (durationMs * 0.6) / (executions / 10)));
      }
    })();
    const readerRuns = servers.map((server, s) =>
      runReaders({
        baseUrl: server.url,
        readers: Math.max(1, Math.floor(readers / servers.length)),
        durationMs,
        maxRequests: 200_000,
        next: (reader, i) => {
          const n = reader * 7919 + i * 104729 + s;
          return n % 5 < 3 ? { path: pages[n % pages.length], kind: "page" } : { path: apis[n % apis.length], kind: "api" };
        },
      }),
    );
    const samples = await Promise.all(readerRuns);
    await Promise.all([...operators, more]);

    // Let ingestion catch up with everything the endpoint holds, then stop the workers.
    const expected = await source.expected();
    const caughtUp = Date.now() + 180_000;
    for (;;) {
      const rows = await db.execution.findMany({
        where: { source: "aws" },
        select: { executionArn: true, status: true, eventCount: true },
      });
      if (
        rows.length === expected.size &&
        rows.every((r) => expected.get(r.executionArn)?.events === r.eventCount && expected.get(r.executionArn)?.status === r.status)
      )
        break;
      if (Date.now() > caughtUp) break; // the check below names what is missing
      await sleep(1000);
    }
    for (const w of workers) w.child.kill("SIGINT");
    const workerCodes = await Promise.all(workers.map((w) => w.exited));

    const stored = await db.execution.findMany({
      where: { source: "aws" },
      select: { executionArn: true, status: true, eventCount: true, _count: { select: { events: true } } },
    });
    const ingest = checkIngested(
      expected,
      stored.map((r) => ({ ...r, events: r._count.events })),
    );
    const replayRows = await db.execution.findMany({ where: { replayOfId: { not: null } }, select: { id: true, replayOfId: true } });
    const writes = checkReplayWrites(accepted, replayRows);
    const runs = workers.flatMap((w) =>
      w.stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => ({ worker: w.name, ...(JSON.parse(l) as { inserted: number; errors: unknown[]; seconds: number }) })),
    );
    const totals = await db.execution.aggregate({ _sum: { eventCount: true }, _count: true });
    const events = await db.historyEvent.count();
    const report = {
      durationS: durationMs / 1000,
      machine: { cpus: os.cpus().length, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      instances: servers.map((server, s) => ({
        url: server.url,
        pages: summarizeSamples(
          samples[s].filter((x: Sample) => x.kind === "page"),
          durationMs,
        ),
        api: summarizeSamples(
          samples[s].filter((x: Sample) => x.kind === "api"),
          durationMs,
        ),
      })),
      replays: {
        requested: accepted.length + writeErrors.length,
        accepted: accepted.length,
        errors: writeErrors.length,
        p95Ms: p95(writeMs),
        stored: replayRows.length,
        ...writes,
        firstErrors: writeErrors.slice(0, 5),
      },
      ingestion: {
        executions: expected.size,
        stored: stored.length,
        runs: runs.length,
        runsByWorker: Object.fromEntries(workers.map((w) => [w.name, runs.filter((r) => r.worker === w.name).length])),
        insertedInRuns: runs.reduce((n, r) => n + r.inserted, 0),
        runErrors: runs.reduce((n, r) => n + r.errors.length, 0),
        p95RunS: p95(runs.map((r) => r.seconds)),
        workerExitCodes: workerCodes,
        ...ingest,
      },
      store: { executions: totals._count, eventCountSum: totals._sum.eventCount, eventRows: events },
    };
    console.log(JSON.stringify(report, null, 2));
    if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2));
    const failures = [
      ...report.instances.flatMap((i) => [
        i.pages.errors && `${i.url}: ${i.pages.errors} page errors`,
        i.api.errors && `${i.url}: ${i.api.errors} API errors`,
      ]),
      writeErrors.length && `${writeErrors.length} replay requests failed`,
      writes.lost.length && `${writes.lost.length} accepted replays lost`,
      writes.duplicated.length && `${writes.duplicated.length} replay ids given to two requests`,
      writes.unexpected.length && `${writes.unexpected.length} stored replays nobody asked for`,
      (ingest.missing.length || ingest.wrong.length || ingest.extra.length) &&
        `ingestion: ${ingest.missing.length} missing, ${ingest.wrong.length} wrong, ${ingest.extra.length} extra`,
      report.ingestion.insertedInRuns !== expected.size &&
        `ingestion inserted ${report.ingestion.insertedInRuns} times for ${expected.size} executions`,
      report.ingestion.runErrors && `${report.ingestion.runErrors} errors in ingestion runs`,
      workerCodes.some((c) => c !== 0) && `ingest workers exited with ${workerCodes.join(", ")}`,
      events !== totals._sum.eventCount && `${events} event rows for an eventCount sum of ${totals._sum.eventCount}`,
    ].filter(Boolean);
    console.log(failures.length ? `multi: FAIL: ${failures.join("; ")}` : "multi: PASS: no errors, nothing duplicated, nothing lost");
    if (failures.length) process.exitCode = 1;
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await Promise.all(servers.map((s) => s.stop()));
    await source.stop();
    await db.$disconnect();
    const cleanup = new pg.Client({ connectionString: `${args.pg}/postgres` });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await cleanup.end();
  }
}

await main();
