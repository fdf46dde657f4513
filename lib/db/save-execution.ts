import type { IngestedExecution } from "../ingest/types";
import { providerOf } from "./bulk-insert";
import { pgPoolOf, pgSchemaOf, sqliteWriterOf, type Db } from "./client";
import { executionRows, sameState, type SaveOptions } from "./execution-rows";
import { retryWrite } from "./retry-write";
import { writeExecutionsPg } from "./write-execution-pg";
import { storedState, writeExecutionSqlite, type SaveOutcome } from "./write-execution-sqlite";

export type { SaveOutcome };

/**
 * Stores one execution with its history in one transaction. Idempotent by executionArn: the same
 * execution again is "unchanged"; a changed status, redrive count or event count replaces the
 * stored history ("updated"). Nothing is half-stored: any error rolls the whole execution back.
 *
 * Every row is computed first (lib/db/execution-rows.ts), outside any transaction; the write
 * then goes through the driver under Prisma, not Prisma's client: on SQLite synchronously on its
 * better-sqlite3 connection inside BEGIN IMMEDIATE (lib/db/write-execution-sqlite.ts), on
 * PostgreSQL in multi-row INSERTs through node-postgres (lib/db/write-execution-pg.ts). A write
 * that lost a race with another writer (SQLITE_BUSY, a unique key taken, a deadlock) runs again.
 * lib/db/save-execution.rows.test.ts checks every table holds what the ORM path wrote.
 */
export async function saveExecution(
  db: Db,
  execution: IngestedExecution,
  options: SaveOptions = {},
): Promise<{ outcome: SaveOutcome; id: string }> {
  return (await saveExecutions(db, [{ execution, options }]))[0];
}

/**
 * Stores several executions in ONE transaction (SQLite: one BEGIN IMMEDIATE; PostgreSQL: one
 * BEGIN/COMMIT), each written exactly as saveExecution writes it, in order, with the same
 * outcomes. All or nothing: any error rolls the whole batch back (callers fall back to one
 * saveExecution each, lib/ingest/save-batches.ts, so a bad execution names itself). Keep
 * batches bounded: on SQLite readers wait for no one (WAL) but other writers wait for the batch.
 */
export async function saveExecutions(
  db: Db,
  executions: readonly { execution: IngestedExecution; options?: SaveOptions }[],
): Promise<{ outcome: SaveOutcome; id: string }[]> {
  const provider = providerOf(db);
  const all = executions.map(({ execution, options }) => executionRows(execution, provider, options ?? {}));
  if (provider === "postgresql") {
    const pool = pgPoolOf(db);
    if (!pool) throw new Error("saveExecution: a PostgreSQL client not made by createDb (no pool to write through)");
    return retryWrite(() => writeExecutionsPg(pool, pgSchemaOf(db) ?? "public", all));
  }
  const writer = await sqliteWriterOf(db);
  if (!writer) throw new Error("saveExecution: a SQLite client not made by createDb (no connection to write through)");
  // Most re-ingestions find the execution unchanged: answered by a read, without the write lock.
  const seen = new Set<string>();
  const answered = all.map((rows) => {
    const again = seen.has(rows.executionArn); // an ARN given twice is compared inside the transaction
    seen.add(rows.executionArn);
    const stored = again ? undefined : storedState(writer.database, rows.executionArn);
    return stored && sameState(stored, rows) ? { outcome: "unchanged" as const, id: stored.id } : undefined;
  });
  const pending = all.filter((_, i) => !answered[i]);
  if (pending.length === 0) return answered as { outcome: SaveOutcome; id: string }[];
  const written = await retryWrite(() => writer.write((database) => pending.map((rows) => writeExecutionSqlite(database, rows))));
  let next = 0;
  return answered.map((a) => a ?? written[next++]);
}
