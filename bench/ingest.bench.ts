/**
 * Benchmark 3: ingestion store speed. Real AWS-shaped histories (run on our engine, outside the
 * timing) are stored with saveExecution into a fresh migrated SQLite file, one transaction per
 * execution as ingestion does. The floor stores the same rows with raw better-sqlite3 prepared
 * statements in one transaction. Row counts of both stores are compared after every repeat.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveDatabaseUrl } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrate";
import { saveExecution } from "../lib/db/save-execution";
import { createTestDb } from "../lib/db/test-db";
import type { IngestedExecution } from "../lib/ingest/types";
import { ingestFixtures } from "./ingest/ingest-fixtures";
import { rawInsert } from "./ingest/raw-insert";
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

export interface IngestCase {
  id: string;
  executions: number;
  events: number;
  stateRuns: number;
  ours: IngestFigures;
  /** Raw inserts of the same rows in one transaction (the floor). */
  floor: IngestFigures;
  /** Raw inserts with one transaction per execution, as saveExecution commits (diagnostic). */
  floorPerExecution: IngestFigures;
  /** How many times longer saveExecution takes than the raw floor. */
  slowdown: number;
}

export interface IngestResult {
  targets: { eventsPerSecond: number; largeMs: number };
  cases: IngestCase[];
}

type Counts = { executions: number; events: number; stateRuns: number };

async function saveAll(executions: readonly IngestedExecution[]): Promise<{ ms: number; counts: Counts }> {
  const { db, close } = await createTestDb();
  try {
    await db.stateMachine.count();
    collectGarbage();
    const start = performance.now();
    for (const execution of executions) await saveExecution(db, execution);
    const ms = performance.now() - start;
    const counts = { executions: await db.execution.count(), events: await db.historyEvent.count(), stateRuns: await db.stateRun.count() };
    return { ms, counts };
  } finally {
    await close();
  }
}

async function floorAll(rows: ReturnType<typeof rawRows>, perExecution: boolean): Promise<{ ms: number; counts: Counts }> {
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

async function measureCase(id: string, executions: IngestedExecution[], repeats: number): Promise<IngestCase> {
  const rows = rawRows(executions);
  const events = rows.events.length;
  log(`ingest: ${id}: warm-up`);
  await saveAll(executions.slice(0, Math.min(executions.length, 20)));
  const ours: number[] = [];
  const floor: number[] = [];
  const floorPer: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const a = await saveAll(executions);
    const b = await floorAll(rows, false);
    const c = await floorAll(rows, true);
    for (const other of [b, c]) {
      if (JSON.stringify(a.counts) !== JSON.stringify(other.counts)) {
        throw new Error(`ingest ${id}: saveExecution stored ${JSON.stringify(a.counts)}, the floor ${JSON.stringify(other.counts)}`);
      }
    }
    ours.push(a.ms);
    floor.push(b.ms);
    floorPer.push(c.ms);
  }
  const result: IngestCase = {
    id,
    executions: executions.length,
    events,
    stateRuns: rows.stateRuns.length,
    ours: figures(ours, events),
    floor: figures(floor, events),
    floorPerExecution: figures(floorPer, events),
    slowdown: round(median(ours) / median(floor)),
  };
  log(`ingest: ${id}: saveExecution ${result.ours.medianMs} ms (${result.ours.eventsPerSecond}/s), floor ${result.floor.medianMs} ms`);
  return result;
}

export async function run(options: IngestOptions = {}): Promise<IngestResult> {
  const count = options.count ?? 200;
  const events = options.events ?? 100;
  const largeEvents = options.largeEvents ?? 25_000;
  const repeats = options.repeats ?? 3;
  log(`ingest: generating ${count} histories of ${events} events and one of ${largeEvents.toLocaleString("en-US")} (not timed)`);
  const small = await ingestFixtures(count, events, "small");
  const large = await ingestFixtures(1, largeEvents, "large");
  return {
    targets: { eventsPerSecond: 50_000, largeMs: 1000 },
    cases: [
      await measureCase(`${count} x ${events} events`, small, repeats),
      await measureCase(`1 x ${largeEvents.toLocaleString("en-US")} events`, large, repeats),
    ],
  };
}
