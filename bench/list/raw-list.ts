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
  if (filter.stateMachineId) {
    where.push(`"stateMachineId" = ?`);
    params.push(filter.stateMachineId);
  }
  if (filter.versionId) {
    where.push(`"versionId" = ?`);
    params.push(filter.versionId);
  }
  if (filter.status?.length) {
    where.push(`"status" IN (${filter.status.map(() => "?").join(",")})`);
    params.push(...filter.status);
  }
  if (filter.source?.length) {
    where.push(`"source" IN (${filter.source.map(() => "?").join(",")})`);
    params.push(...filter.source);
  }
  if (filter.error) {
    where.push(`"error" = ?`);
    params.push(filter.error);
  }
  if (filter.from) {
    where.push(`"startDate" >= ?`);
    params.push(sqlDate(filter.from));
  }
  if (filter.to) {
    where.push(`"startDate" <= ?`);
    params.push(sqlDate(filter.to));
  }
  if (filter.redriven) where.push(`"redriveCount" > 0`);
  if (filter.region) {
    where.push(`"region" = ?`);
    params.push(filter.region);
  }
  if (filter.accountId) {
    where.push(`"accountId" = ?`);
    params.push(filter.accountId);
  }
  // the search term is literal: LIKE's wildcards and the escape character itself are escaped
  if (filter.q?.trim()) {
    where.push(`"searchText" LIKE ? ESCAPE '\\'`);
    const literal = filter.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`);
    params.push(`%${literal}%`);
  }
  if (inputSql) {
    where.push(inputSql.sql);
    params.push(...inputSql.params);
  }
  if (filter.after) {
    const at = sqlDate(filter.after.startDate);
    where.push(`("startDate" < ? OR ("startDate" = ? AND "id" < ?))`);
    params.push(at, at, filter.after.id);
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
