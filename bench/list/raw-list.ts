import type Database from "better-sqlite3";
import type { ExecutionFilter } from "../../lib/db/list-executions";
import { sqlDate } from "../ingest/raw-rows";

const COLUMNS = [
  "id",
  "name",
  "executionArn",
  "status",
  "type",
  "source",
  "startDate",
  "stopDate",
  "durationMs",
  "error",
  "redriveCount",
  "incomplete",
  "replayOfId",
  "stateMachineId",
  "versionId",
];

export interface RawListRow {
  id: string;
  startDate: string;
  stateMachineId: string;
  versionId: string | null;
  [column: string]: unknown;
}

/**
 * The page query listExecutions issues, as SQL text and parameters (without the relation
 * lookups). An input condition (JSONata, evaluated in JS by listExecutions) has its SQL
 * equivalent passed as `inputSql` (e.g. `json_extract("input", '$.amount') > ?`).
 */
export function rawListQuery(
  filter: ExecutionFilter,
  inputSql?: { sql: string; params: (string | number)[] },
): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (condition: string, ...values: (string | number)[]) => {
    where.push(condition);
    params.push(...values);
  };
  const placeholders = (values: readonly unknown[]) => values.map(() => "?").join(",");
  if (filter.stateMachineId) add(`"stateMachineId" = ?`, filter.stateMachineId);
  if (filter.versionId) add(`"versionId" = ?`, filter.versionId);
  if (filter.status?.length) add(`"status" IN (${placeholders(filter.status)})`, ...filter.status);
  if (filter.source?.length) add(`"source" IN (${placeholders(filter.source)})`, ...filter.source);
  if (filter.error) add(`"error" = ?`, filter.error);
  if (filter.from) add(`"startDate" >= ?`, sqlDate(filter.from));
  if (filter.to) add(`"startDate" <= ?`, sqlDate(filter.to));
  if (filter.redriven) add(`"redriveCount" > 0`);
  if (filter.region) add(`"region" = ?`, filter.region);
  if (filter.accountId) add(`"accountId" = ?`, filter.accountId);
  // the search term is literal: LIKE's wildcards and the escape character itself are escaped
  const term = filter.q?.trim().toLowerCase();
  if (term) add(`"searchText" LIKE ? ESCAPE '\\'`, `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (inputSql) add(inputSql.sql, ...inputSql.params);
  if (filter.after) {
    const at = sqlDate(filter.after.startDate);
    add(`("startDate" < ? OR ("startDate" = ? AND "id" < ?))`, at, at, filter.after.id);
  }
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  params.push(limit + 1);
  const sql =
    `SELECT ${COLUMNS.map((c) => `"${c}"`).join(", ")} FROM "Execution"` +
    (where.length ? ` WHERE ${where.join(" AND ")}` : "") +
    ` ORDER BY "startDate" DESC, "id" DESC LIMIT ?`;
  return { sql, params };
}

/**
 * The floor for listExecutions: the same page query and the same two relation lookups (state
 * machine names, version numbers) through better-sqlite3 prepared statements (cached by text).
 */
export function rawListExecutions(
  db: Database.Database,
  filter: ExecutionFilter,
  cache = new Map<string, Database.Statement>(),
  inputSql?: { sql: string; params: (string | number)[] },
) {
  const prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const { sql, params } = rawListQuery({ ...filter, inputCondition: undefined }, inputSql);
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  const rows = prepare(sql).all(...params) as RawListRow[];
  const page = rows.slice(0, limit);
  const machineIds = [...new Set(page.map((r) => r.stateMachineId))];
  const versionIds = [...new Set(page.map((r) => r.versionId).filter((v): v is string => v !== null))];
  const machines = machineIds.length
    ? (prepare(`SELECT "id", "name" FROM "StateMachine" WHERE "id" IN (${machineIds.map(() => "?").join(",")})`).all(...machineIds) as {
        id: string;
        name: string;
      }[])
    : [];
  const versions = versionIds.length
    ? (prepare(`SELECT "id", "number" FROM "StateMachineVersion" WHERE "id" IN (${versionIds.map(() => "?").join(",")})`).all(
        ...versionIds,
      ) as { id: string; number: number }[])
    : [];
  const machineById = new Map(machines.map((m) => [m.id, m]));
  const versionById = new Map(versions.map((v) => [v.id, v]));
  return {
    rows: page.map((r) => ({
      ...r,
      stateMachine: machineById.get(r.stateMachineId),
      version: r.versionId ? (versionById.get(r.versionId) ?? null) : null,
    })),
    hasMore: rows.length > limit,
  };
}
