import type Database from "better-sqlite3";
import { bucketWrites, dropEmptySql, upsertSql, type BucketWrite } from "./bucket-writes";
import { dateValue } from "./bulk-insert";
import { EVENT_COLUMNS, newId, sameState, STATE_RUN_COLUMNS, type ExecutionRows, type SqlValue } from "./execution-rows";
import type { ExecutionContribution, StateRunContribution } from "./over-time-buckets";

export type SaveOutcome = "inserted" | "updated" | "unchanged";
type Statement = Database.Statement<unknown[]>;

/**
 * Writes one execution's rows straight through better-sqlite3, synchronously: the caller holds
 * the write lock (BEGIN IMMEDIATE, lib/db/sqlite-adapter.ts) and nothing else can run on the
 * connection until this returns, so the transaction is as short as the inserts themselves.
 * Statements are prepared once per connection and reused by every save (per-row runs of a
 * prepared statement are what the raw floor does too). The FTS5 search index follows the
 * Execution row through its triggers, inside this same transaction.
 */
export function writeExecutionSqlite(database: Database.Database, rows: ExecutionRows): { outcome: SaveOutcome; id: string } {
  const s = statements(database);
  const current = storedState(database, rows.executionArn);
  if (current && sameState(current, rows)) return { outcome: "unchanged", id: current.id };
  const now = dateValue(new Date(), "sqlite");

  s.machineInsert.run(newId(), rows.machine.arn, rows.machine.name, rows.machine.type, rows.machine.region, rows.machine.accountId, now);
  const machineId = s.machineId.get(rows.machine.arn) as string;
  const versionId = rows.version ? versionFor(s, machineId, rows.version, now) : null;

  let id: string;
  const values = rows.execution.map(([, value]) => value);
  if (current) {
    id = current.id;
    removeStored(database, s, id);
    s.deleteEvents.run(id);
    s.deleteRuns.run(id);
    const set = rows.execution.map(([column]) => `"${column}" = ?`).join(", ");
    cached(database, `UPDATE "Execution" SET ${set}, "stateMachineId" = ?, "versionId" = ?, "updatedAt" = ? WHERE "id" = ?`).run(
      ...values,
      machineId,
      versionId,
      now,
      id,
    );
  } else {
    id = newId();
    const columns = rows.execution.map(([column]) => `"${column}"`).join(", ");
    const marks = rows.execution.map(() => "?").join(", ");
    cached(
      database,
      `INSERT INTO "Execution" ("id", "executionArn", ${columns}, "stateMachineId", "versionId", "createdAt", "updatedAt") VALUES (?, ?, ${marks}, ?, ?, ?, ?)`,
    ).run(id, rows.executionArn, ...values, machineId, versionId, now, now);
  }
  insertMany(database, "HistoryEvent", EVENT_COLUMNS, rows.events, [id]);
  insertMany(database, "StateRun", STATE_RUN_COLUMNS, rows.stateRuns, [id, machineId, versionId]);
  if (rows.contribution) {
    const runs = rows.runs.map((r) => ({ ...r, stateMachineId: machineId, versionId }));
    applyBuckets(database, bucketWrites([{ ...rows.contribution, stateMachineId: machineId, versionId }], runs, 1, "sqlite"), false);
  }
  return { outcome: current ? "updated" : "inserted", id };
}

/** The stored execution's id and state (what sameState compares), or undefined. */
export function storedState(database: Database.Database, executionArn: string): (ExecutionRows["state"] & { id: string }) | undefined {
  return statements(database).current.get(executionArn) as (ExecutionRows["state"] & { id: string }) | undefined;
}

/**
 * Multi-row INSERTs of `rows`, each prefixed with `owner` (the ids): one statement run per chunk
 * instead of one per row, which is cheaper than even the raw per-row floor. Chunks are powers of
 * two rows (157 = 128 + 16 + 8 + 4 + 1), so a connection prepares at most 13 shapes per table.
 */
function insertMany(
  database: Database.Database,
  table: string,
  columns: readonly string[],
  rows: readonly SqlValue[][],
  owner: SqlValue[],
): void {
  const largest = 2 ** Math.floor(Math.log2(30_000 / columns.length)); // SQLite binds at most 32,766 parameters
  for (let i = 0; i < rows.length;) {
    const count = Math.min(largest, 2 ** Math.floor(Math.log2(rows.length - i)));
    const values: SqlValue[] = new Array(count * columns.length);
    let n = 0;
    for (let r = i; r < i + count; r++) {
      for (const v of owner) values[n++] = v;
      for (const v of rows[r]) values[n++] = v;
    }
    multiRow(database, table, columns, count).run(values);
    i += count;
  }
}

const multiRowStatements = new WeakMap<Database.Database, Map<string, Statement>>();

/** The INSERT of `count` rows into `table`, prepared once per connection (keyed by table and count, not by its long text). */
function multiRow(database: Database.Database, table: string, columns: readonly string[], count: number): Statement {
  let byShape = multiRowStatements.get(database);
  if (!byShape) multiRowStatements.set(database, (byShape = new Map()));
  const key = `${table}:${count}`;
  let statement = byShape.get(key);
  if (!statement) {
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    statement = database.prepare(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(count).fill(tuple).join(", ")}`,
    );
    byShape.set(key, statement);
  }
  return statement;
}

function versionFor(s: Statements, machineId: string, version: NonNullable<ExecutionRows["version"]>, now: string): string {
  const found = s.versionId.get(machineId, version.hash) as string | undefined;
  if (found) return found;
  const id = newId();
  const number = ((s.lastVersion.get(machineId) as number | null) ?? 0) + 1;
  s.versionInsert.run(id, machineId, version.hash, number, version.definition, version.versionArn, version.revisionId, now);
  return id;
}

/** Subtracts the stored execution's contribution from the buckets before its rows are replaced. */
function removeStored(database: Database.Database, s: Statements, id: string): void {
  const row = s.contributionOf.get(id) as (Omit<ExecutionContribution, "startDate"> & { startDate: string }) | undefined;
  if (!row || row.source === "replay") return;
  const runs = (s.runsOf.all(id) as (Omit<StateRunContribution, "startDate" | "failed" | "caught"> & Record<string, SqlValue>)[]).map(
    (r) => ({ ...r, startDate: new Date(r.startDate as string), failed: !!r.failed, caught: !!r.caught }),
  ) as StateRunContribution[];
  applyBuckets(database, bucketWrites([{ ...row, startDate: new Date(row.startDate) }], runs, -1, "sqlite"), true);
}

function applyBuckets(database: Database.Database, writes: BucketWrite[], dropEmptied: boolean): void {
  for (const w of writes) {
    const upsert = cached(database, upsertSql(w, "sqlite", null, 1));
    for (const row of w.rows) upsert.run(...row);
  }
  if (!dropEmptied) return;
  for (const w of writes) {
    const drop = cached(database, dropEmptySql(w, "sqlite", null));
    for (const [machineId, start] of w.starts) drop.run(machineId, start);
  }
}

interface Statements {
  current: Statement;
  machineInsert: Statement;
  machineId: Statement;
  versionId: Statement;
  lastVersion: Statement;
  versionInsert: Statement;
  deleteEvents: Statement;
  deleteRuns: Statement;
  contributionOf: Statement;
  runsOf: Statement;
}

const byConnection = new WeakMap<Database.Database, { statements: Statements; other: Map<string, Statement> }>();

/** A statement by its text, prepared once per connection. */
function cached(database: Database.Database, sql: string): Statement {
  statements(database);
  const entry = byConnection.get(database)!;
  let statement = entry.other.get(sql);
  if (!statement) {
    statement = database.prepare(sql);
    entry.other.set(sql, statement);
  }
  return statement;
}

function statements(database: Database.Database): Statements {
  const known = byConnection.get(database);
  if (known) return known.statements;
  // the adapter opens the connection with safe integers (BigInt); these rows are read as numbers
  const p = (sql: string) => {
    const statement = database.prepare(sql);
    return statement.reader ? statement.safeIntegers(false) : statement;
  };
  const marks = (n: number) => Array(n).fill("?").join(", ");
  const built: Statements = {
    current: p(`SELECT "id", "status", "redriveCount", "eventCount", "incomplete" FROM "Execution" WHERE "executionArn" = ?`),
    machineInsert: p(
      `INSERT INTO "StateMachine" ("id", "arn", "name", "type", "region", "accountId", "createdAt") VALUES (${marks(7)}) ON CONFLICT ("arn") DO NOTHING`,
    ),
    machineId: p(`SELECT "id" FROM "StateMachine" WHERE "arn" = ?`).pluck(),
    versionId: p(`SELECT "id" FROM "StateMachineVersion" WHERE "stateMachineId" = ? AND "hash" = ?`).pluck(),
    lastVersion: p(`SELECT max("number") FROM "StateMachineVersion" WHERE "stateMachineId" = ?`).pluck(),
    versionInsert: p(
      `INSERT INTO "StateMachineVersion" ("id", "stateMachineId", "hash", "number", "definition", "versionArn", "revisionId", "createdAt") VALUES (${marks(8)})`,
    ),
    deleteEvents: p(`DELETE FROM "HistoryEvent" WHERE "executionId" = ?`),
    deleteRuns: p(`DELETE FROM "StateRun" WHERE "executionId" = ?`),
    contributionOf: p(
      `SELECT "stateMachineId", "versionId", "startDate", "status", "error", "durationMs", "redriveCount", "source" FROM "Execution" WHERE "id" = ?`,
    ),
    runsOf: p(
      `SELECT "stateMachineId", "versionId", "stateName", "stateType", "startDate", "attempts", "failed", "caught", "error" FROM "StateRun" WHERE "executionId" = ?`,
    ),
  };
  byConnection.set(database, { statements: built, other: new Map() });
  return built;
}
