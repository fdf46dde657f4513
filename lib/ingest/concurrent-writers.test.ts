import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveStateRuns } from "../history/derive-state-runs";
import { pgSchemaOf } from "../db/client";
import { rebuildOverTimeBuckets } from "../db/over-time-buckets";
import { createTestDb } from "../db/test-db";
import { executionsFromFile } from "./ingest-folder";
import { checkIngested } from "../../testing/ingest/check-writes";
import { writeDemoHistories } from "../../testing/ingest/write-demo-histories";

/*
 * Two real statelens processes writing one store at the same time must store exactly what one
 * writer stores: two `ingest files` of one 600-file folder, and `import` racing `ingest files`.
 * Before BEGIN IMMEDIATE and the retries, SQLite kept 368-393 of 600 executions and both exited 0.
 * SQLite here (a fresh file per race); PostgreSQL under `npm run test:pg` (a fresh schema per race).
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const FILES = 600;
let dir = "";
const expected = new Map<string, { status: string; events: number }>();
let expectedStateRuns = 0;
const expectedMachines = new Set<string>();

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[], databaseUrl: string): Promise<Exit> {
  const started = Date.now();
  const child = spawn(process.execPath, ["bin/statelens.mjs", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => void (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => void (stderr = (stderr + c.toString()).slice(-10_000)));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "statelens-race-"));
  await writeDemoHistories(dir, FILES);
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".history.json"))) {
    for (const execution of executionsFromFile(path.join(dir, name))) {
      expected.set(execution.executionArn, { status: execution.status, events: execution.events.length });
      expectedStateRuns += deriveStateRuns(execution.events).length;
      expectedMachines.add(execution.stateMachineArn);
    }
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the two commands at once on a fresh store and checks it holds what one writer stores. */
async function race(a: string[], b: string[]): Promise<Exit[]> {
  const store = await createTestDb();
  try {
    await store.db.$disconnect(); // the writers are the child processes; this client only reads after them
    const exits = await Promise.all([cli(a, store.target.url), cli(b, store.target.url)]);
    const db = store.db;
    const rows = await db.execution.findMany({
      select: { executionArn: true, status: true, eventCount: true, _count: { select: { events: true } } },
    });
    const stored = rows.map((r) => ({ executionArn: r.executionArn, status: r.status, eventCount: r.eventCount, events: r._count.events }));
    expect(checkIngested(expected, stored)).toEqual({ missing: [], wrong: [], extra: [] });
    expect(await db.stateRun.count()).toBe(expectedStateRuns);
    // x.history.json beside x.definition.json: state machine x, one definition each, so one version each
    expect(await db.stateMachine.count()).toBe(expectedMachines.size);
    expect(await db.stateMachineVersion.count()).toBe(expectedMachines.size);
    const before = await db.executionDayBucket.findMany({
      orderBy: [{ stateMachineId: "asc" }, { day: "asc" }, { status: "asc" }, { error: "asc" }, { durationBin: "asc" }],
    });
    await rebuildOverTimeBuckets(db, pgSchemaOf(db));
    const after = await db.executionDayBucket.findMany({
      orderBy: [{ stateMachineId: "asc" }, { day: "asc" }, { status: "asc" }, { error: "asc" }, { durationBin: "asc" }],
    });
    expect(before).toEqual(after); // the charts' buckets count every execution once
    return exits;
  } finally {
    await store.close();
  }
}

describe("concurrent writers on one store", () => {
  it("two `ingest files` of one 600-file folder store every execution once, both exit 0", async () => {
    expect(expected.size).toBe(FILES);
    const exits = await race(["ingest", "files", dir, "--json"], ["ingest", "files", dir, "--json"]);
    for (const exit of exits) {
      expect(exit.code, exit.stderr).toBe(0);
      const summary = JSON.parse(exit.stdout);
      expect(summary).toMatchObject({ files: FILES, executions: FILES, errors: [] });
      expect(summary.inserted + summary.updated + summary.unchanged).toBe(FILES);
    }
    console.log(`two ingest files: ${exits.map((e) => `${(e.ms / 1000).toFixed(1)} s`).join(", ")}`);
  }, 600_000);

  it("`import` racing `ingest files` on one folder: every execution once, both exit 0", async () => {
    const exits = await race(["import", dir, "--json"], ["ingest", "files", dir, "--json"]);
    for (const exit of exits) expect(exit.code, exit.stderr).toBe(0);
    expect(JSON.parse(exits[0].stdout)).toMatchObject({ errors: [] });
    expect(JSON.parse(exits[1].stdout)).toMatchObject({ executions: FILES, errors: [] });
    console.log(`import + ingest files: ${exits.map((e) => `${(e.ms / 1000).toFixed(1)} s`).join(", ")}`);
  }, 600_000);
});
