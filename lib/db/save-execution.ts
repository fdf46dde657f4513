import type { IngestedExecution } from "../ingest/types";
import { providerOf } from "./bulk-insert";
import { pgPoolOf, pgSchemaOf, sqliteWriterOf, type Db } from "./client";
import { executionRows, sameState, type SaveOptions } from "./execution-rows";
import { retryWrite } from "./retry-write";
import { writeExecutionPg } from "./write-execution-pg";
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
  const provider = providerOf(db);
  const rows = executionRows(execution, provider, options);
  if (provider === "postgresql") {
    const pool = pgPoolOf(db);
    if (!pool) throw new Error("saveExecution: a PostgreSQL client not made by createDb (no pool to write through)");
    return retryWrite(() => writeExecutionPg(pool, pgSchemaOf(db) ?? "public", rows));
  }
  const writer = await sqliteWriterOf(db);
  if (!writer) throw new Error("saveExecution: a SQLite client not made by createDb (no connection to write through)");
  // Most re-ingestions find the execution unchanged: answered by a read, without the write lock.
  const stored = storedState(writer.database, rows.executionArn);
  if (stored && sameState(stored, rows)) return { outcome: "unchanged", id: stored.id };
  return retryWrite(() => writer.write((database) => writeExecutionSqlite(database, rows)));
}
