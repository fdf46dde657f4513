/**
 * Fills a PostgreSQL database (default `statelens_scale`) with N executions over 90 days, their
 * state runs and ~50 history events each (1M executions = ~50M events), for the scale benchmark.
 * The schema comes from statelens' own migrations; rows are generated server-side
 * (fill-postgres-sql.ts, INSERT ... SELECT generate_series) in chunks with every index but
 * Execution's primary key dropped, then the indexes and foreign keys are rebuilt, the over-time
 * buckets are filled by the same SQL as the migration's backfill, and everything is ANALYZEd.
 * A finished fill is recorded in a `bench_fill` table and reused while N, the days and the
 * generator version are unchanged and the row counts still match; migrations added since are
 * applied to it as to any upgraded database.
 *
 *   npx tsx bench/fill-postgres.ts [N] [--days 90] [--database statelens_scale] [--force]
 *   (STATELENS_BENCH_PG_ADMIN: a connection string to any database on the server, default
 *    postgresql://postgres@127.0.0.1:5432/postgres)
 */
import { createHash } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { resolveDatabaseUrl } from "../lib/db/database-url";
import { migrate, migrationsDir, readMigrations } from "../lib/db/migrate";
import { chunkSql, HELPER_SQL, referenceRowsSql } from "./fill-postgres-sql";
import { REPO_ROOT } from "./support/run-child";

/** Bump when the generated data changes, so a filled database is rebuilt. */
const GENERATOR_VERSION = 1;
const CHUNK = 50_000;
const DAY = 86_400_000;
const LOADED_TABLES = ["Execution", "HistoryEvent", "StateRun"];

export interface PgFillOptions {
  n?: number;
  days?: number;
  database?: string;
  /** The newest execution starts just before this instant (fixed, so refills are identical). */
  endDate?: Date;
  force?: boolean;
  admin?: string;
  log?: (message: string) => void;
}

export interface PgFillResult {
  database: string;
  url: string;
  reused: boolean;
  /** fill wall time of the run that built it (ms), as recorded */
  fillMs: number;
  executions: number;
  events: number;
  stateRuns: number;
  bytes: number;
  endDate: string;
  days: number;
}

/** What the generated rows depend on. Migrations added later are applied to a filled database like an upgrade. */
function fillKey(n: number, days: number, endDate: Date): string {
  return createHash("sha256")
    .update(JSON.stringify({ n, days, end: endDate.toISOString(), GENERATOR_VERSION }))
    .digest("hex")
    .slice(0, 16);
}

function urlFor(admin: string, database: string): string {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

async function recorded(url: string, key: string): Promise<PgFillResult | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return null;
  }
  try {
    const has = await client.query(`SELECT to_regclass('public.bench_fill') AS t`);
    if (!has.rows[0].t) return null;
    const { rows } = await client.query(`SELECT key, result FROM bench_fill`);
    if (rows.length !== 1 || rows[0].key !== key) return null;
    const result = rows[0].result as PgFillResult;
    // counts from the statistics are exact after the fill's ANALYZE, and cheap; a changed store is refilled
    const counts = await client.query(
      `SELECT (SELECT count(*) FROM "Execution")::int AS e, (SELECT reltuples FROM pg_class WHERE oid = '"HistoryEvent"'::regclass)::bigint AS h`,
    );
    if (counts.rows[0].e !== result.executions || Math.abs(Number(counts.rows[0].h) - result.events) > result.events * 0.02) return null;
    const size = await client.query(`SELECT pg_database_size(current_database())::bigint AS b`);
    return { ...result, bytes: Number(size.rows[0].b), reused: true };
  } finally {
    await client.end();
  }
}

/** Saves the index and constraint definitions of the loaded tables, then drops them (all but Execution's primary key). */
async function dropIndexes(client: pg.Client): Promise<{ constraints: string[]; foreignKeys: string[]; indexes: string[] }> {
  const names = LOADED_TABLES.map((t) => `'"${t}"'::regclass`).join(", ");
  const cons = await client.query(
    `SELECT conrelid::regclass::text AS tbl, conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conrelid IN (${names}) AND contype IN ('p', 'u', 'f') ORDER BY contype DESC`,
  );
  const idx = await client.query(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index
     WHERE indrelid IN (${names}) AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE contype IN ('p', 'u'))`,
  );
  const constraints: string[] = [];
  const foreignKeys: string[] = [];
  for (const c of cons.rows as { tbl: string; conname: string; contype: string; def: string }[]) {
    if (c.tbl === `"Execution"` && c.contype === "p") continue;
    await client.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT "${c.conname}"`);
    (c.contype === "f" ? foreignKeys : constraints).push(`ALTER TABLE ${c.tbl} ADD CONSTRAINT "${c.conname}" ${c.def}`);
  }
  // foreign keys into the loaded tables from elsewhere (Execution.replayOfId is on Execution itself)
  const indexes: string[] = [];
  for (const i of idx.rows as { name: string; def: string }[]) {
    await client.query(`DROP INDEX ${i.name}`);
    indexes.push(i.def);
  }
  return { constraints, foreignKeys, indexes };
}

export async function fillPostgres(options: PgFillOptions = {}): Promise<PgFillResult> {
  const n = options.n ?? 1_000_000;
  const days = options.days ?? 90;
  const database = options.database ?? "statelens_scale";
  if (!Number.isInteger(n) || n < 1000) throw new Error(`executions must be an integer >= 1000, got ${n}`);
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`database name must be lower-case letters, digits and _, got "${database}"`);
  const log = options.log ?? ((m: string) => process.stderr.write(`  · ${m}\n`));
  const admin = options.admin ?? process.env.STATELENS_BENCH_PG_ADMIN ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const endDate = options.endDate ?? new Date(Date.UTC(2026, 10, 20));
  const url = urlFor(admin, database);
  const key = fillKey(n, days, endDate);
  if (!options.force) {
    const found = await recorded(url, key);
    if (found) {
      const { applied } = await migrate(resolveDatabaseUrl(url), REPO_ROOT);
      if (applied.length) {
        log(`pg fill: applied ${applied.join(", ")} to the filled database; ANALYZE`);
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query("ANALYZE").finally(() => c.end());
      }
      return found;
    }
  }
  const started = performance.now();
  const root = new pg.Client({ connectionString: admin });
  await root.connect();
  await root.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await root.query(`CREATE DATABASE "${database}"`);
  // the SSD setting README.md recommends (the default 4 assumes spinning disks and misplans some list pages)
  await root.query(`ALTER DATABASE "${database}" SET random_page_cost = 1.1`);
  await root.end();
  await migrate(resolveDatabaseUrl(url), REPO_ROOT);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = (sql: string) => client.query(sql);
  const step = async (label: string, work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    log(`${label} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  };
  try {
    await q(`SET synchronous_commit = off`);
    await q(`SET maintenance_work_mem = '1GB'`);
    await q(`SET work_mem = '256MB'`);
    await q(`SET max_parallel_maintenance_workers = 2`);
    await q(HELPER_SQL);
    for (const sql of referenceRowsSql()) await q(sql);
    const saved = await dropIndexes(client);
    const spanMs = days * DAY;
    for (let lo = 1; lo <= n; lo += CHUNK) {
      const hi = Math.min(n, lo + CHUNK - 1);
      const t = performance.now();
      await q("BEGIN");
      for (const sql of chunkSql({ lo, hi, n, endMs: endDate.getTime(), spanMs })) {
        await q(sql);
        if (sql.startsWith("CREATE TEMP TABLE")) await q(`ANALYZE ${sql.includes("fill_ex AS") ? "fill_ex" : "fill_plan"}`);
      }
      await q("COMMIT");
      log(
        `pg fill: executions ${hi.toLocaleString("en-US")} / ${n.toLocaleString("en-US")} (${((performance.now() - t) / 1000).toFixed(1)} s, ${((performance.now() - started) / 1000).toFixed(0)} s total)`,
      );
    }
    await q(`DROP TABLE IF EXISTS fill_ex, fill_plan`);
    await q(`SELECT setval(pg_get_serial_sequence('"HistoryEvent"', 'id'), (SELECT max(id) FROM "HistoryEvent"))`);
    await q(`SELECT setval(pg_get_serial_sequence('"StateRun"', 'id'), (SELECT max(id) FROM "StateRun"))`);
    for (const sql of saved.constraints) await step(sql.slice(0, 90), () => q(sql));
    for (const sql of saved.indexes) await step(sql.slice(0, 90), () => q(sql));
    for (const sql of saved.foreignKeys) await step(sql.slice(0, 90), () => q(sql));
    await step("over-time buckets (the migration's backfill)", async () => {
      await q(`TRUNCATE "ExecutionHourBucket", "StateHourBucket", "ExecutionDayBucket", "StateDayBucket"`);
      const backfill = readMigrations(migrationsDir("postgresql", REPO_ROOT)).find((m) => m.name.endsWith("_over_time_buckets"));
      if (!backfill) throw new Error("the over_time_buckets migration is missing");
      for (const statement of backfill.sql.split(/;\s*\n/).filter((s) => /^\s*(--[^\n]*\n\s*)*INSERT/.test(s))) await q(statement);
    });
    await step("VACUUM ANALYZE", () => q(`VACUUM ANALYZE`));
    const counts = await client.query(
      `SELECT (SELECT count(*) FROM "Execution")::int AS e, (SELECT count(*) FROM "HistoryEvent")::bigint AS h, (SELECT count(*) FROM "StateRun")::bigint AS s, pg_database_size(current_database())::bigint AS b`,
    );
    const result: PgFillResult = {
      database,
      url,
      reused: false,
      fillMs: Math.round(performance.now() - started),
      executions: counts.rows[0].e,
      events: Number(counts.rows[0].h),
      stateRuns: Number(counts.rows[0].s),
      bytes: Number(counts.rows[0].b),
      endDate: endDate.toISOString(),
      days,
    };
    await q(`CREATE TABLE bench_fill (key text PRIMARY KEY, result jsonb NOT NULL)`);
    await client.query(`INSERT INTO bench_fill VALUES ($1, $2)`, [key, JSON.stringify(result)]);
    return result;
  } finally {
    await client.end();
  }
}

function parseArgs(argv: string[]): PgFillOptions {
  const options: PgFillOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--force") options.force = true;
    else if (a === "--days") options.days = Number(value());
    else if (a === "--database") options.database = value();
    else if (/^\d+$/.test(a)) options.n = Number(a);
    else throw new Error(`unknown argument "${a}" (usage: fill-postgres.ts [N] [--days D] [--database NAME] [--force])`);
  }
  if (options.days !== undefined && (!Number.isInteger(options.days) || options.days < 1))
    throw new Error(`--days must be a positive integer`);
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fillPostgres(parseArgs(process.argv.slice(2)))
    .then((r) => {
      console.log(
        `${r.database}: ${r.executions.toLocaleString("en-US")} executions, ${r.events.toLocaleString("en-US")} events, ${r.stateRuns.toLocaleString("en-US")} state runs; ` +
          `${(r.bytes / 2 ** 30).toFixed(1)} GB; ${r.reused ? "reused (filled earlier in" : "filled in"} ${(r.fillMs / 1000).toFixed(0)} s${r.reused ? ")" : ""}`,
      );
    })
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
