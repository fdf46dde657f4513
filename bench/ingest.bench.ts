/**
 * Benchmark 3: ingestion store speed. Real AWS-shaped histories (run on our engine, outside the
 * timing) are stored with saveExecution, one transaction per execution as ingestion does, into a
 * fresh migrated store: a SQLite file, and a fresh PostgreSQL schema when a server listens
 * (BENCH_PG_URL, default the local test database). Measured in the same run against:
 * - the floor: the same rows inserted raw in one transaction (SQLite: better-sqlite3 prepared
 *   statements; PostgreSQL: multi-row INSERTs through node-postgres), and one transaction per
 *   execution (diagnostic);
 * - "before": the ORM write path saveExecution used until it wrote through the drivers
 *   (lib/db/save-execution-reference.ts, kept for the rows test).
 * Row counts of every store are compared after every repeat.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { resolveDatabaseUrl } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrate";
import { saveExecution, saveExecutions } from "../lib/db/save-execution";
import { BATCH_EXECUTIONS } from "../lib/ingest/save-batches";
import { saveExecutionReference } from "../lib/db/save-execution-reference";
import { createTestDb } from "../lib/db/test-db";
import type { IngestedExecution } from "../lib/ingest/types";
import { ingestFixtures } from "./ingest/ingest-fixtures";
import { rawInsert } from "./ingest/raw-insert";
import { rawInsertPg } from "./ingest/raw-insert-pg";
import { rawRows } from "./ingest/raw-rows";
import { log } from "./support/log";
import { median, round } from "./support/stats";
import { collectGarbage } from "./support/time-once";

export interface IngestOptions {
  count?: number;
  events?: number;
  largeEvents?: number;
  repeats?: number;
}

export interface IngestFigures {
  medianMs: number;
  samplesMs: number[];
  eventsPerSecond: number;
}

export type Store = "sqlite" | "postgresql";

export interface IngestCase {
  id: string;
  store: Store;
  executions: number;
  events: number;
  stateRuns: number;
  ours: IngestFigures;
  /** Raw inserts of the same rows in one transaction (the floor). */
  floor: IngestFigures;
  /** Raw inserts with one transaction per execution, as saveExecution commits (diagnostic). */
  floorPerExecution: IngestFigures;
  /** saveExecutions, BATCH_EXECUTIONS executions a transaction (the batch path). */
  batched: IngestFigures;
  batchedSlowdown: number;
  /** The ORM write path (before). */
  before: IngestFigures;
  /** How many times longer saveExecution takes than the raw floor. */
  slowdown: number;
  beforeSlowdown: number;
}

export interface IngestResult {
  targets: { eventsPerSecond: number; largeMs: number; floorRatio: number };
  cases: IngestCase[];
  /** why PostgreSQL was not measured, when it was not */
  pgSkipped?: string;
}

type Counts = { executions: number; events: number; stateRuns: number };

type Save = (db: Parameters<typeof saveExecution>[0], executions: readonly IngestedExecution[]) => Promise<unknown>;
const oneByOne =
  (save: typeof saveExecution): Save =>
  async (db, executions) => {
    for (const execution of executions) await save(db, execution);
  };
/** saveExecutions in batches of BATCH_EXECUTIONS, as ingestion does. */
const batched: Save = async (db, executions) => {
  for (let i = 0; i < executions.length; i += BATCH_EXECUTIONS) {
    await saveExecutions(
      db,
      executions.slice(i, i + BATCH_EXECUTIONS).map((execution) => ({ execution })),
    );
  }
};

/** Opens a fresh migrated store: a temp SQLite file, or a new schema in the PostgreSQL database. */
async function freshStore(store: Store, pgUrl: string) {
  if (store === "sqlite") delete process.env.STATELENS_TEST_DATABASE;
  else process.env.STATELENS_TEST_DATABASE = pgUrl;
  return store === "sqlite" ? createTestDb({ store: "sqlite" }) : createTestDb();
}

async function saveAll(
  store: Store,
  pgUrl: string,
  save: Save,
  executions: readonly IngestedExecution[],
): Promise<{ ms: number; counts: Counts }> {
  const { db, close } = await freshStore(store, pgUrl);
  try {
    await db.stateMachine.count();
    collectGarbage();
    const start = performance.now();
    await save(db, executions);
    const ms = performance.now() - start;
    const counts = { executions: await db.execution.count(), events: await db.historyEvent.count(), stateRuns: await db.stateRun.count() };
    return { ms, counts };
  } finally {
    await close();
  }
}

async function floorAll(
  store: Store,
  pgUrl: string,
  rows: ReturnType<typeof rawRows>,
  perExecution: boolean,
): Promise<{ ms: number; counts: Counts }> {
  if (store === "postgresql") {
    const { db, target, close } = await freshStore(store, pgUrl);
    try {
      await db.$disconnect();
      const schema = target.schema ?? "public";
      collectGarbage();
      const ms = await rawInsertPg(pgUrl, schema, rows, perExecution);
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      const count = async (table: string) => Number((await client.query(`SELECT count(*) AS n FROM "${schema}"."${table}"`)).rows[0].n);
      const counts = { executions: await count("Execution"), events: await count("HistoryEvent"), stateRuns: await count("StateRun") };
      await client.end();
      return { ms, counts };
    } finally {
      await close();
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-bench-floor-"));
  try {
    const file = path.join(dir, "floor.db");
    await migrate(resolveDatabaseUrl(`file:${file}`));
    collectGarbage();
    const ms = rawInsert(file, rows, perExecution);
    const db = new Database(file, { readonly: true });
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    const counts = { executions: count("Execution"), events: count("HistoryEvent"), stateRuns: count("StateRun") };
    db.close();
    return { ms, counts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function figures(samples: number[], events: number): IngestFigures {
  const ms = median(samples);
  return { medianMs: round(ms), samplesMs: samples.map(round), eventsPerSecond: Math.round((events / ms) * 1000) };
}

async function measureCase(store: Store, pgUrl: string, id: string, executions: IngestedExecution[], repeats: number): Promise<IngestCase> {
  const rows = rawRows(executions);
  const events = rows.events.length;
  log(`ingest: ${store}: ${id}: warm-up`);
  await saveAll(store, pgUrl, oneByOne(saveExecution), executions.slice(0, Math.min(executions.length, 20)));
  await saveAll(store, pgUrl, batched, executions.slice(0, Math.min(executions.length, 20)));
  await saveAll(store, pgUrl, oneByOne(saveExecutionReference), executions.slice(0, Math.min(executions.length, 20)));
  const samples = {
    batched: [] as number[],
    ours: [] as number[],
    before: [] as number[],
    floor: [] as number[],
    floorPer: [] as number[],
  };
  for (let i = 0; i < repeats; i++) {
    const a = await saveAll(store, pgUrl, oneByOne(saveExecution), executions);
    const e = await saveAll(store, pgUrl, batched, executions);
    const b = await floorAll(store, pgUrl, rows, false);
    const c = await floorAll(store, pgUrl, rows, true);
    const d = await saveAll(store, pgUrl, oneByOne(saveExecutionReference), executions);
    for (const other of [b, c, d, e]) {
      if (JSON.stringify(a.counts) !== JSON.stringify(other.counts)) {
        throw new Error(`ingest ${store} ${id}: saveExecution stored ${JSON.stringify(a.counts)}, another ${JSON.stringify(other.counts)}`);
      }
    }
    samples.ours.push(a.ms);
    samples.batched.push(e.ms);
    samples.floor.push(b.ms);
    samples.floorPer.push(c.ms);
    samples.before.push(d.ms);
  }
  const result: IngestCase = {
    id,
    store,
    executions: executions.length,
    events,
    stateRuns: rows.stateRuns.length,
    ours: figures(samples.ours, events),
    floor: figures(samples.floor, events),
    floorPerExecution: figures(samples.floorPer, events),
    before: figures(samples.before, events),
    batched: figures(samples.batched, events),
    batchedSlowdown: round(median(samples.batched) / median(samples.floor)),
    slowdown: round(median(samples.ours) / median(samples.floor)),
    beforeSlowdown: round(median(samples.before) / median(samples.floor)),
  };
  log(
    `ingest: ${store}: ${id}: saveExecution ${result.ours.medianMs} ms (${result.ours.eventsPerSecond}/s), saveExecutions ${result.batched.medianMs} ms (${result.batched.eventsPerSecond}/s), floor ${result.floor.medianMs} ms, before ${result.before.medianMs} ms`,
  );
  return result;
}

/** Whether a PostgreSQL server answers at `url` (the reason when not). */
async function pgReason(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return `no PostgreSQL at ${url}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function run(options: IngestOptions = {}): Promise<IngestResult> {
  const count = options.count ?? 200;
  const events = options.events ?? 100;
  const largeEvents = options.largeEvents ?? 25_000;
  const repeats = options.repeats ?? Number(process.env.BENCH_INGEST_REPEATS ?? 3);
  const pgUrl = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/statelens_test";
  log(`ingest: generating ${count} histories of ${events} events and one of ${largeEvents.toLocaleString("en-US")} (not timed)`);
  const small = await ingestFixtures(count, events, "small");
  const large = await ingestFixtures(1, largeEvents, "large");
  const pgSkipped = process.env.BENCH_NO_PG ? "BENCH_NO_PG set" : await pgReason(pgUrl);
  const cases: IngestCase[] = [];
  for (const store of pgSkipped ? (["sqlite"] as const) : (["sqlite", "postgresql"] as const)) {
    cases.push(await measureCase(store, pgUrl, `${count} x ${events} events`, small, repeats));
    cases.push(await measureCase(store, pgUrl, `1 x ${largeEvents.toLocaleString("en-US")} events`, large, repeats));
  }
  return { targets: { eventsPerSecond: 50_000, largeMs: 1000, floorRatio: 2 }, cases, ...(pgSkipped ? { pgSkipped } : {}) };
}
