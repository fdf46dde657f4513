import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "./database-url";

/** Every row of every table, rows sorted, generated ids replaced by what they stand for. */
export type StoreDump = Record<string, string[]>;

// Bookkeeping and the FTS5 index's shadow tables (compared through queries instead: their pages
// depend on how inserts were batched, not on what they index).
const SKIPPED = /^(_prisma_migrations|sqlite_.*|ExecutionSearch.*)$/;
// Generated values that differ between any two saves: replaced by their shape (a Date or text of
// this length), so a wrong format still shows.
const GENERATED = new Set(["createdAt", "updatedAt", "requestedAt", "doneAt"]);

/**
 * Reads a store through its driver (not through Prisma, which would normalise what it reads, e.g.
 * two date formats into one Date) for comparing two stores filled the same way.
 * Execution, StateMachine and StateMachineVersion ids become the execution ARN, the machine ARN
 * and ARN#number in every column that holds them; autoincrement ids are dropped.
 */
export async function dumpStore(target: DatabaseTarget): Promise<StoreDump> {
  const tables = target.kind === "sqlite" ? readSqlite(target.location) : await readPostgres(target.location, target.schema ?? "public");
  const machines = new Map((tables.StateMachine ?? []).map((r) => [r.id, `machine:${String(r.arn)}`]));
  const versions = new Map(
    (tables.StateMachineVersion ?? []).map((r) => [r.id, `version:${machines.get(r.stateMachineId)}#${String(r.number)}`]),
  );
  const executions = new Map((tables.Execution ?? []).map((r) => [r.id, `execution:${String(r.executionArn)}`]));
  const idOf = (table: string, column: string, value: unknown): unknown => {
    if (value === null || value === undefined) return value;
    if (column === "id")
      return table === "StateMachine" ? machines.get(value) : table === "StateMachineVersion" ? versions.get(value) : undefined;
    if (column === "stateMachineId") return machines.get(value) ?? `unknown:${String(value)}`;
    if (column === "versionId") return versions.get(value) ?? (value === "" ? "" : `unknown:${String(value)}`);
    if (column === "executionId" || column === "replayOfId") return executions.get(value) ?? `unknown:${String(value)}`;
    return value;
  };
  const dump: StoreDump = {};
  for (const [table, rows] of Object.entries(tables)) {
    dump[table] = rows
      .map((row) => {
        const out: Record<string, unknown> = {};
        for (const [column, value] of Object.entries(row)) {
          if (column === "id" && table !== "StateMachine" && table !== "StateMachineVersion") {
            if (table === "Execution") out.id = executions.get(value);
            continue;
          }
          if (GENERATED.has(column)) out[column] = shapeOf(value);
          else if (/^(id|stateMachineId|versionId|executionId|replayOfId)$/.test(column)) out[column] = idOf(table, column, value);
          else out[column] = value instanceof Date ? `date:${value.toISOString()}` : value;
        }
        return JSON.stringify(out);
      })
      .sort();
  }
  return dump;
}

function shapeOf(value: unknown): string {
  if (value instanceof Date) return "Date";
  if (typeof value === "string") return `text:${value.replace(/\d/g, "9")}`;
  return typeof value;
}

type Rows = Record<string, Record<string, unknown>[]>;

function readSqlite(file: string): Rows {
  const db = new Database(file, { readonly: true });
  try {
    const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
    const out: Rows = {};
    for (const name of names.filter((n) => !SKIPPED.test(n))) {
      out[name] = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
    }
    return out;
  } finally {
    db.close();
  }
}

async function readPostgres(url: string, schema: string): Promise<Rows> {
  const plain = new URL(url);
  plain.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: plain.toString() });
  await client.connect();
  try {
    const names = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`,
      [schema],
    );
    const out: Rows = {};
    for (const { table_name: name } of names.rows.filter((r) => !SKIPPED.test(r.table_name))) {
      out[name] = (await client.query(`SELECT * FROM "${schema}"."${name}"`)).rows;
    }
    return out;
  } finally {
    await client.end();
  }
}

/**
 * SQLite only: which executions the FTS5 search index finds for each term, by ARN, so two stores'
 * indexes can be compared by what they answer.
 */
export function searchIndexAnswers(file: string, terms: readonly string[]): Record<string, string[]> {
  const db = new Database(file, { readonly: true });
  try {
    const query = db.prepare(
      `SELECT e."executionArn" FROM "ExecutionSearch" s JOIN "Execution" e ON e.rowid = s.rowid WHERE "ExecutionSearch" MATCH ? ORDER BY 1`,
    );
    const out: Record<string, string[]> = {};
    for (const term of terms) out[term] = query.pluck().all(`"${term.replace(/"/g, '""')}"`) as string[];
    return out;
  } finally {
    db.close();
  }
}
