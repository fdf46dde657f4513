/**
 * Fills a SQLite store with N synthetic executions for the list benchmark, fast: the schema comes
 * from statelens' own migrations, rows go in through raw better-sqlite3 prepared statements in big
 * transactions with the Execution indexes dropped during the load and rebuilt after. The file is
 * cached under data/bench/, keyed by N, the options and the migrations' checksum, and reused.
 *
 *   npx tsx bench/fill-executions.ts [N] [--events K] [--days D] [--force]
 */
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { resolveDatabaseUrl } from "../lib/db/database-url";
import { migrate, migrationsDir, readMigrations } from "../lib/db/migrate";
import { sqlDate } from "./ingest/raw-rows";
import { FILL_ACCOUNT, FILL_MACHINES, fillModel, machineArn } from "./list/fill-model";
import { REPO_ROOT } from "./support/run-child";

/** Bump when the generated data changes, so cached files are rebuilt. */
const GENERATOR_VERSION = 2;
const BATCH = 50_000;

export interface FillOptions {
  n: number;
  /** History events per execution (0 = none, the list benchmark's default). */
  eventsPerExecution?: number;
  days?: number;
  /** The newest execution starts just before this instant (fixed, so cached files are stable). */
  endDate?: Date;
  seed?: number;
  /** Where to write; default data/bench/executions-<key>.db. */
  file?: string;
  force?: boolean;
  onProgress?: (done: number, n: number) => void;
}

export interface FillResult {
  file: string;
  n: number;
  reused: boolean;
  ms: number;
  endDate: string;
  days: number;
}

export const DEFAULT_END_DATE = new Date("2026-11-01T00:00:00.000Z");

export function fillKey(options: FillOptions): string {
  const migrations = readMigrations(migrationsDir("sqlite", REPO_ROOT))
    .map((m) => m.checksum)
    .join(",");
  const parts = [
    GENERATOR_VERSION,
    options.eventsPerExecution ?? 0,
    options.days ?? 90,
    (options.endDate ?? DEFAULT_END_DATE).toISOString(),
    options.seed ?? 1,
    migrations,
  ];
  return `${options.n}-${createHash("sha256").update(parts.join("|")).digest("hex").slice(0, 10)}`;
}

export function defaultFillFile(options: FillOptions): string {
  return path.join(REPO_ROOT, "data/bench", `executions-${fillKey(options)}.db`);
}

/** A cuid-shaped id (25 chars, starts with "c") that sorts by creation order, deterministic. */
function cuidLike(prefix: string, i: number): string {
  return `c${prefix}${i.toString(36).padStart(10, "0")}`.padEnd(25, "x");
}

export async function fillExecutions(options: FillOptions): Promise<FillResult> {
  const days = options.days ?? 90;
  const endDate = options.endDate ?? DEFAULT_END_DATE;
  const file = options.file ?? defaultFillFile(options);
  const base = { file, n: options.n, endDate: endDate.toISOString(), days };
  if (existsSync(file) && !options.force) return { ...base, reused: true, ms: 0 };
  const start = performance.now();
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  await migrate(resolveDatabaseUrl(`file:${tmp}`), REPO_ROOT);
  const db = new Database(tmp);
  try {
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    db.pragma("cache_size = -262144");
    db.pragma("temp_store = MEMORY");
    const indexes = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Execution', 'HistoryEvent') AND sql IS NOT NULL`)
      .all() as { name: string; sql: string }[];
    for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
    const now = sqlDate(endDate);
    const machineIds: string[] = [];
    const versionIds: string[][] = [];
    const insertMachine = db.prepare(
      `INSERT INTO "StateMachine" ("id","arn","name","type","region","accountId","createdAt") VALUES (?,?,?,?,?,?,?)`,
    );
    const insertVersion = db.prepare(
      `INSERT INTO "StateMachineVersion" ("id","stateMachineId","hash","number","definition","createdAt") VALUES (?,?,?,?,?,?)`,
    );
    db.transaction(() => {
      FILL_MACHINES.forEach((machine, m) => {
        const id = cuidLike("sm", m);
        machineIds.push(id);
        insertMachine.run(id, machineArn(machine.name), machine.name, machine.type, FILL_ACCOUNT.region, FILL_ACCOUNT.accountId, now);
        versionIds.push([]);
        for (let v = 1; v <= machine.versions; v++) {
          const definition = JSON.stringify({
            Comment: `${machine.name} v${v}`,
            StartAt: "Work",
            States: { Work: { Type: "Pass", End: true } },
          });
          const vid = cuidLike(`v${m}`, v);
          versionIds[m].push(vid);
          insertVersion.run(vid, id, createHash("sha256").update(definition).digest("hex"), v, definition, now);
        }
      });
    })();
    const insertExecution = db.prepare(
      `INSERT INTO "Execution" ("id","executionArn","name","stateMachineId","versionId","type","status","startDate","stopDate","durationMs",` +
        `"input","output","error","cause","redriveCount","source","region","accountId","eventCount","searchText","createdAt","updatedAt") ` +
        `VALUES (${Array(22).fill("?").join(",")})`,
    );
    const insertEvent = db.prepare(
      `INSERT INTO "HistoryEvent" ("executionId","eventId","previousEventId","timestamp","type","stateName","details") VALUES (?,?,?,?,?,?,?)`,
    );
    const eventsPer = options.eventsPerExecution ?? 0;
    let batch: ReturnType<typeof fillModel> extends Generator<infer T> ? T[] : never = [];
    let done = 0;
    const flush = db.transaction((rows: typeof batch) => {
      for (const e of rows) {
        const id = cuidLike("ex", done++);
        const startDate = sqlDate(new Date(e.startMs));
        insertExecution.run(
          id,
          e.executionArn,
          e.name,
          machineIds[e.machine],
          versionIds[e.machine][e.version - 1],
          e.type,
          e.status,
          startDate,
          e.stopMs === null ? null : sqlDate(new Date(e.stopMs)),
          e.stopMs === null ? null : e.stopMs - e.startMs,
          e.input,
          e.output,
          e.error,
          e.cause,
          e.redriveCount,
          e.source,
          FILL_ACCOUNT.region,
          FILL_ACCOUNT.accountId,
          eventsPer,
          e.searchText,
          now,
          now,
        );
        for (let k = 1; k <= eventsPer; k++) {
          const type =
            k === 1 ? "ExecutionStarted" : k === eventsPer ? "ExecutionSucceeded" : k % 2 === 0 ? "PassStateEntered" : "PassStateExited";
          const details =
            k === 1
              ? JSON.stringify({ input: e.input })
              : type === "PassStateEntered"
                ? JSON.stringify({ name: `Step${k >> 1}`, input: e.input })
                : null;
          insertEvent.run(id, k, k - 1, sqlDate(new Date(e.startMs + k)), type, type.startsWith("Pass") ? `Step${k >> 1}` : null, details);
        }
      }
    });
    for (const e of fillModel(options.n, endDate.getTime(), days, options.seed ?? 1)) {
      batch.push(e);
      if (batch.length === BATCH) {
        flush(batch);
        batch = [];
        options.onProgress?.(done, options.n);
      }
    }
    if (batch.length) flush(batch);
    options.onProgress?.(done, options.n);
    for (const index of indexes) db.exec(index.sql);
    db.exec("ANALYZE");
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
  renameSync(tmp, file);
  return { ...base, reused: false, ms: Math.round(performance.now() - start) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  const result = await fillExecutions({
    n,
    eventsPerExecution: flag("--events"),
    days: flag("--days"),
    force: args.includes("--force"),
    onProgress: (done, total) => process.stderr.write(`\r  ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")}`),
  });
  process.stderr.write("\n");
  console.log(
    `${result.reused ? "reused" : `filled in ${(result.ms / 1000).toFixed(1)} s`}: ${result.file} (${n.toLocaleString("en-US")} executions)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
