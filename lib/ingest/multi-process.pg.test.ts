import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkIngested } from "../../testing/ingest/check-writes";
import { startSfnLocalSource, type SfnLocalSource } from "../../testing/ingest/sfn-local-source";
import { writeDemoHistories } from "../../testing/ingest/write-demo-histories";
import { createDb, type Db } from "../db/client";
import { resolveDatabaseUrl } from "../db/database-url";
import { migrate } from "../db/migrate";

/*
 * Several statelens processes against one fresh PostgreSQL database, at the same time:
 *   - `statelens sfn-local`, the AWS-compatible endpoint, holding the executions to ingest (more are
 *     started while the workers run);
 *   - 3 × `statelens ingest aws --endpoint … --follow`, each with its own AWS access key id, so a
 *     recording proxy in front of the endpoint knows which worker sent each request (one spells the
 *     endpoint URL differently: the same source must still mean the same lease);
 *   - `statelens import` of demo history files, and two loops of `statelens replay` of one
 *     execution, writing other rows meanwhile.
 * Then: every execution stored exactly once with all its events; no two workers' ingestion runs
 * overlap in time at the endpoint (the lease per source held); every run audited; the imported
 * files and all replays stored; no execution whose event rows differ from its eventCount.
 * Runs under `npm run test:pg` (STATELENS_TEST_DATABASE=postgresql://…) in its own database.
 */
const PG_URL = process.env.STATELENS_TEST_DATABASE ?? "";
const ON_PG = /^postgres(ql)?:\/\//.test(PG_URL);
const ROOT = path.resolve(import.meta.dirname, "../..");
const WORKERS = 3;
const MACHINES = 3;
const FIRST_BATCH = 45; // executions the endpoint holds when the workers start
const LATER_BATCHES = [15, 15, 15]; // started while they run
const IMPORT_FILES = 40;
const REPLAY_LOOPS = 3;
const REPLAYS_PER_LOOP = 1;

interface Proc {
  name: string;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startCli(name: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ["bin/statelens.mjs", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (c: Buffer) => void (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => void (err = (err + c.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { name, child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** One request a worker sent to the endpoint: who (access key id), what, when (ms). */
interface Call {
  worker: string;
  target: string;
  start: number;
  end: number;
}

/** A forwarding proxy to `upstream` that records every call with the worker's access key id. */
function startRecordingProxy(upstream: string, calls: Call[]): Promise<Server> {
  const to = new URL(upstream);
  const server = createServer((req, res) => {
    const start = performance.now();
    const worker = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ""))?.[1] ?? "unsigned";
    const target = String(req.headers["x-amz-target"] ?? "");
    const forward = httpRequest(
      { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: { ...req.headers, host: to.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.once("end", () => calls.push({ worker, target, start, end: performance.now() }));
      },
    );
    forward.once("error", (error) => {
      calls.push({ worker, target: `${target} (proxy error: ${error.message})`, start, end: performance.now() });
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Each worker's ingestion runs as [first call, last call] intervals; a run starts with ListStateMachines. */
function runsOf(calls: Call[]): { worker: string; start: number; end: number; calls: number }[] {
  const runs: { worker: string; start: number; end: number; calls: number }[] = [];
  const byWorker = new Map<string, Call[]>();
  for (const call of calls) byWorker.set(call.worker, [...(byWorker.get(call.worker) ?? []), call]);
  for (const [worker, list] of byWorker) {
    list.sort((a, b) => a.start - b.start);
    for (const call of list) {
      const current = runs.at(-1);
      if (call.target.endsWith(".ListStateMachines") || !current || current.worker !== worker)
        runs.push({ worker, start: call.start, end: call.end, calls: 1 });
      else Object.assign(current, { end: Math.max(current.end, call.end), calls: current.calls + 1 });
    }
  }
  return runs;
}

describe.skipIf(!ON_PG)(
  "several statelens processes on one PostgreSQL database (needs STATELENS_TEST_DATABASE=postgresql://…: run `npm run test:pg`)",
  () => {
    const dbName = `statelens_multi_${process.pid}`;
    let adminUrl: string;
    let databaseUrl: string;
    let db: Db;
    let source: SfnLocalSource | undefined;
    let proxy: Server;
    let dir: string;
    const procs: Proc[] = [];

    beforeAll(async () => {
      const { default: pg } = await import("pg");
      const admin = new URL(PG_URL);
      admin.pathname = "/postgres";
      admin.search = "";
      adminUrl = admin.toString();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${dbName}"`);
      await client.end();
      const url = new URL(admin);
      url.pathname = `/${dbName}`;
      databaseUrl = url.toString();
      dir = mkdtempSync(path.join(os.tmpdir(), "statelens-multi-"));
    });

    afterAll(async () => {
      for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
      await source?.stop();
      await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
      proxy?.closeAllConnections();
      await db?.$disconnect();
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await client.end();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("stores every execution once with all its events, lets one worker ingest a source at a time and loses no write", async () => {
      const env = { DATABASE_URL: databaseUrl, NODE_NO_WARNINGS: "1" };
      const t0 = Date.now();
      const phases: string[] = [];
      const phase = (what: string) => phases.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)} s`);

      // The endpoint, with the first batch of executions.
      source = await startSfnLocalSource({ machines: MACHINES, env });
      const calls: Call[] = [];
      proxy = await startRecordingProxy(source.url, calls);
      const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const started = source.started;
      await source.startExecutions(FIRST_BATCH);
      const files = path.join(dir, "histories");
      await writeDemoHistories(files, IMPORT_FILES, 11);

      // Everything at once on a database nobody has migrated yet.
      for (let w = 1; w <= WORKERS; w++) {
        // worker-3 spells the endpoint with a trailing slash: still the same source, the same lease
        procs.push(
          startCli(
            `worker-${w}`,
            [
              "ingest",
              "aws",
              "--endpoint",
              w === 3 ? `${proxyUrl}/` : proxyUrl,
              "--region",
              "us-east-1",
              "--follow",
              "--interval",
              "1s",
              "--json",
            ],
            {
              ...env,
              AWS_ACCESS_KEY_ID: `worker-${w}`,
              AWS_SECRET_ACCESS_KEY: "local",
            },
          ),
        );
      }
      const importer = startCli("import", ["import", files, "--json"], env);
      procs.push(importer);
      await migrate(resolveDatabaseUrl(databaseUrl), ROOT);
      db = createDb(resolveDatabaseUrl(databaseUrl));

      // Once ingestion is under way: two replay loops of one ingested execution, and more executions.
      const original = started[0];
      await waitFor(
        "the first execution to be ingested",
        90_000,
        async () => (await db.execution.count({ where: { executionArn: original } })) === 1,
      );
      phase("first ingested");
      const replayLoops = Array.from({ length: REPLAY_LOOPS }, async (_, loop) => {
        const codes: (number | null)[] = [];
        for (let r = 0; r < REPLAYS_PER_LOOP; r++) {
          const replay = startCli(`replay-${loop}-${r}`, ["replay", original, "--json"], env);
          procs.push(replay);
          codes.push(await replay.exited);
        }
        return codes;
      });
      for (const count of LATER_BATCHES) {
        await new Promise((r) => setTimeout(r, 1500));
        await source.startExecutions(count);
      }

      // What the endpoint holds, and the store catching up with all of it.
      const expected = await source.expected();
      await waitFor("every execution ingested in its final state", 150_000, async () => {
        const rows = await db.execution.findMany({
          where: { source: "aws" },
          select: { executionArn: true, status: true, eventCount: true },
        });
        return (
          rows.length === expected.size &&
          rows.every((r) => expected.get(r.executionArn)?.status === r.status && expected.get(r.executionArn)?.events === r.eventCount)
        );
      });
      phase("all ingested");
      const replayCodes = (await Promise.all(replayLoops)).flat();
      phase("replays done");
      const importCode = await importer.exited;
      const workers = procs.filter((p) => p.name.startsWith("worker-"));
      for (const w of workers) w.child.kill("SIGINT"); // --follow: stop after the run in progress
      const workerCodes = await Promise.all(workers.map((w) => w.exited));
      phase("workers stopped");
      const diagnostics = procs.map((p) => `${p.name}: ${p.stderr().slice(-600)}`).join("\n");
      expect(importCode, diagnostics).toBe(0);
      expect(replayCodes, diagnostics).toEqual(Array(REPLAY_LOOPS * REPLAYS_PER_LOOP).fill(0));
      expect(workerCodes, diagnostics).toEqual(Array(WORKERS).fill(0));

      // Every execution exactly once, with all its events.
      const stored = await db.execution.findMany({
        where: { source: "aws" },
        select: { id: true, executionArn: true, status: true, eventCount: true, _count: { select: { events: true } } },
      });
      expect(stored).toHaveLength(expected.size);
      expect(
        checkIngested(
          expected,
          stored.map((r) => ({ ...r, events: r._count.events })),
        ),
      ).toEqual({ missing: [], wrong: [], extra: [] });

      // The lease per source: runs of different workers never overlap at the endpoint.
      expect(calls.filter((c) => c.worker === "unsigned" || c.target.includes("proxy error"))).toEqual([]);
      const runs = runsOf(calls);
      for (const a of runs) {
        for (const b of runs) {
          if (a !== b && a.worker !== b.worker)
            expect(a.end <= b.start || b.end <= a.start, `${a.worker} and ${b.worker} ingested at the same time`).toBe(true);
        }
      }
      // Whether workers happened to collide depends on the machine's speed, so it is only reported;
      // lib/db/leases.test.ts makes them collide deterministically.
      const skipped = workers
        .map((w) => (w.stderr().match(/another statelens worker is ingesting/g) ?? []).length)
        .reduce((a, b) => a + b, 0);
      // Every run a worker reported is one run at the endpoint and one audit entry.
      const reported = workers.flatMap((w) =>
        w
          .stdout()
          .split("\n")
          .filter((l) => l.startsWith("{"))
          .map((l) => JSON.parse(l) as { inserted: number; errors: unknown[] }),
      );
      expect(reported.length).toBe(runs.length);
      expect(reported.flatMap((r) => r.errors)).toEqual([]);
      expect(
        reported.reduce((n, r) => n + r.inserted, 0),
        "each execution inserted by exactly one run",
      ).toBe(expected.size);
      expect(await db.auditLog.count({ where: { action: "ingest", target: `aws:us-east-1@${proxyUrl.replace(/\/$/, "")}` } })).toBe(
        runs.length,
      );
      expect(await db.lease.count()).toBe(0);

      // The other writers' rows: every imported file, every replay under its own name.
      const historyFiles = readdirSync(files).filter((f) => f.endsWith(".history.json"));
      expect(historyFiles).toHaveLength(IMPORT_FILES);
      for (const file of historyFiles) {
        const events = (JSON.parse(readFileSync(path.join(files, file), "utf8")) as { events: unknown[] }).events.length;
        const rows = await db.execution.findMany({
          where: { name: file.replace(/\.history\.json$/, ""), source: "file" },
          select: { eventCount: true },
        });
        expect(rows, file).toEqual([{ eventCount: events }]);
      }
      const originalId = stored.find((r) => r.executionArn === original)!.id;
      const replays = await db.execution.findMany({ where: { replayOfId: originalId }, select: { executionArn: true } });
      expect(replays.map((r) => r.executionArn).sort()).toEqual(
        Array.from({ length: REPLAY_LOOPS * REPLAYS_PER_LOOP }, (_, i) => `${original}-replay-${i + 1}`).sort(),
      );
      expect(await db.auditLog.count({ where: { action: "replay" } })).toBe(REPLAY_LOOPS * REPLAYS_PER_LOOP);

      // Nothing half-stored anywhere.
      const totals = await db.execution.aggregate({ _sum: { eventCount: true }, _count: true });
      expect(totals._count).toBe(expected.size + IMPORT_FILES + REPLAY_LOOPS * REPLAYS_PER_LOOP);
      expect(await db.historyEvent.count()).toBe(totals._sum.eventCount);
      const perWorker = Object.fromEntries(workers.map((w) => [w.name, runs.filter((r) => r.worker === w.name).length]));
      console.log(
        `multi-process: ${expected.size} executions ingested by ${runs.length} runs ${JSON.stringify(perWorker)}, ${skipped} attempts found the lease taken; ${IMPORT_FILES} files imported and ${replays.length} replays stored meanwhile; ${totals._sum.eventCount} events; ${phases.join(", ")}`,
      );
      expect(await source.stop()).toBe(0);
    }, 300_000);
  },
);
