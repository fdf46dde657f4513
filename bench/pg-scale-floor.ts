/**
 * The floor of the PostgreSQL scale benchmark: the queries statelens' lib/db functions issue,
 * written by hand and sent through node-postgres (no Prisma), returning the same rows.
 */
import type pg from "pg";
import type { ExecutionFilter } from "../lib/db/list-executions";

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

/** listExecutions' page query and its two relation lookups; `inputSql` is the SQL form of an input condition. */
export async function floorList(client: pg.Pool, filter: ExecutionFilter, inputSql?: { sql: string; params: unknown[] }) {
  const where: string[] = [];
  const params: unknown[] = [];
  const bind = (v: unknown) => (params.push(v), `$${params.length}`);
  if (filter.stateMachineId) where.push(`"stateMachineId" = ${bind(filter.stateMachineId)}`);
  if (filter.versionId) where.push(`"versionId" = ${bind(filter.versionId)}`);
  if (filter.status?.length) where.push(`"status" = ANY(${bind(filter.status)})`);
  if (filter.source?.length) where.push(`"source" = ANY(${bind(filter.source)})`);
  if (filter.error) where.push(`"error" = ${bind(filter.error)}`);
  if (filter.from) where.push(`"startDate" >= ${bind(filter.from)}`);
  if (filter.to) where.push(`"startDate" <= ${bind(filter.to)}`);
  if (filter.redriven) where.push(`"redriveCount" > 0`);
  // a literal term: its \, % and _ escaped (backslash is PostgreSQL's LIKE escape character)
  if (filter.q?.trim())
    where.push(
      `"searchText" LIKE ${bind(
        `%${filter.q
          .trim()
          .toLowerCase()
          .replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      )} ESCAPE '\\'`,
    );
  if (inputSql) where.push(inputSql.sql.replace(/\?/g, () => bind(inputSql.params.shift())));
  if (filter.after) {
    const at = bind(filter.after.startDate);
    where.push(`"startDate" <= ${at} AND ("startDate" < ${at} OR "id" < ${bind(filter.after.id)})`);
  }
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  const sql = `SELECT ${COLUMNS.map((c) => `"${c}"`).join(", ")} FROM "Execution"${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY "startDate" DESC, "id" DESC LIMIT ${bind(limit + 1)}`;
  const rows = (await client.query(sql, params)).rows as { id: string; stateMachineId: string; versionId: string | null }[];
  const page = rows.slice(0, limit);
  const machineIds = [...new Set(page.map((r) => r.stateMachineId))];
  const versionIds = [...new Set(page.map((r) => r.versionId).filter((v): v is string => v !== null))];
  const [machines, versions] = await Promise.all([
    client.query(`SELECT "id", "name" FROM "StateMachine" WHERE "id" = ANY($1)`, [machineIds]),
    client.query(`SELECT "id", "number" FROM "StateMachineVersion" WHERE "id" = ANY($1)`, [versionIds]),
  ]);
  return { rows: page, hasMore: rows.length > limit, machines: machines.rowCount, versions: versions.rowCount };
}

const sums = (cols: string[]) => cols.map((c) => `sum("${c}")::int AS "${c}"`).join(", ");

/** overTimeBuckets + stateVersionMatrix: the bucket reads (day or hour tables) and the version lists, by hand. */
export async function floorOverTime(
  client: pg.Pool,
  q: { stateMachineId: string; from: Date; to: Date; stateName?: string },
  granularity: "day" | "hour",
) {
  const [E, S, at] =
    granularity === "day" ? ["ExecutionDayBucket", "StateDayBucket", "day"] : ["ExecutionHourBucket", "StateHourBucket", "hour"];
  const range = (column: string) => `"stateMachineId" = $1 AND "${column}" >= date_trunc('${column}', $2::timestamp) AND "${column}" <= $3`;
  const params = [q.stateMachineId, q.from, q.to];
  const percentiles = (by: string) =>
    `SELECT k, min(CASE WHEN cum >= ceil(0.5 * total) THEN "durationBin" END) AS p50, min(CASE WHEN cum >= ceil(0.95 * total) THEN "durationBin" END) AS p95
     FROM (SELECT k, "durationBin", sum(n) OVER (PARTITION BY k ORDER BY "durationBin") AS cum, sum(n) OVER (PARTITION BY k) AS total
           FROM (SELECT ${by} AS k, "durationBin", sum("executions") AS n FROM "${E}" WHERE ${range(at)} AND "durationBin" >= 0 AND "status" <> 'RUNNING' GROUP BY 1, 2) h) c
     GROUP BY k`;
  const [e, s, m, v] = await Promise.all([
    client.query(
      `SELECT "${at}" AS bucket, "versionId", "status", "error", ${sums(["executions", "redrives"])} FROM "${E}" WHERE ${range(at)} GROUP BY 1, 2, 3, 4`,
      params,
    ),
    client.query(
      `SELECT "${at}" AS bucket, "stateName", "error", "runs", "retriedRuns", "retries", "failedRuns", "caughtRuns", "flakyRuns" FROM "${S}" WHERE ${range(at)}${q.stateName ? ` AND "stateName" = $4` : ""}`,
      q.stateName ? [...params, q.stateName] : params,
    ),
    client.query(
      `SELECT "stateName", "versionId", ${sums(["runs", "retriedRuns", "retries", "failedRuns", "caughtRuns"])} FROM "StateDayBucket" WHERE ${range("day")} GROUP BY 1, 2`,
      params,
    ),
    client.query(`SELECT "id", "number" FROM "StateMachineVersion" WHERE "stateMachineId" = $1 ORDER BY "number"`, [q.stateMachineId]),
    client.query(percentiles(`"${at}"`), params),
    client.query(percentiles(`"versionId"`), params),
    client.query(`SELECT "id", "number" FROM "StateMachineVersion" WHERE "stateMachineId" = $1`, [q.stateMachineId]),
  ]);
  return { executions: e.rowCount ?? 0, states: s.rowCount ?? 0, matrix: m.rowCount ?? 0, versions: v.rowCount ?? 0 };
}

/** What the over-time page would read without the buckets: every execution and state run in range. */
export async function floorOverTimeRows(client: pg.Pool, q: { stateMachineId: string; from: Date; to: Date }) {
  const [e, r] = await Promise.all([
    client.query(
      `SELECT "startDate", "status", "durationMs", "error", "redriveCount", "versionId" FROM "Execution" WHERE "stateMachineId" = $1 AND "startDate" BETWEEN $2 AND $3 AND "source" <> 'replay'`,
      [q.stateMachineId, q.from, q.to],
    ),
    client.query(
      `SELECT r."stateName", r."startDate", r."attempts", r."failed", r."caught", r."error" FROM "StateRun" r JOIN "Execution" x ON x."id" = r."executionId" WHERE r."stateMachineId" = $1 AND r."startDate" BETWEEN $2 AND $3 AND x."source" <> 'replay'`,
      [q.stateMachineId, q.from, q.to],
    ),
  ]);
  return { executions: e.rowCount ?? 0, runs: r.rowCount ?? 0 };
}

/** getExecution's reads (the execution with its relations, children, then the events) by hand. */
export async function floorExecution(client: pg.Pool, id: string) {
  const x = (
    await client.query(
      `SELECT e.*, m."name" AS "machineName", m."arn" AS "machineArn", v."number", v."definition" FROM "Execution" e
     JOIN "StateMachine" m ON m."id" = e."stateMachineId" LEFT JOIN "StateMachineVersion" v ON v."id" = e."versionId" WHERE e."id" = $1`,
      [id],
    )
  ).rows[0] as { executionArn: string };
  const [replays, children, events] = await Promise.all([
    client.query(`SELECT "id", "name", "status", "startDate" FROM "Execution" WHERE "replayOfId" = $1 ORDER BY "startDate" DESC LIMIT 20`, [
      id,
    ]),
    client.query(
      `SELECT "id", "name", "status", "mapRunArn" FROM "Execution" WHERE "parentExecutionArn" = $1 ORDER BY "startDate" LIMIT 1000`,
      [x.executionArn],
    ),
    client.query(
      `SELECT "eventId", "previousEventId", "timestamp", "type", "stateName", "details" FROM "HistoryEvent" WHERE "executionId" = $1 ORDER BY "eventId"`,
      [id],
    ),
  ]);
  return { replays: replays.rowCount, children: children.rowCount, events: events.rowCount ?? 0 };
}

/** historyJson's single statement, by hand. */
export async function floorHistoryJson(client: pg.Pool, id: string): Promise<string> {
  const { rows } = await client.query(
    `SELECT '[' || string_agg('{"id":' || "eventId" || ',"previousEventId":' || "previousEventId" || ',"timestamp":' || to_json(to_char("timestamp", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
       || ',"type":' || to_json("type")::text
       || coalesce(',' || to_json(CASE WHEN "type" LIKE '%StateEntered' THEN 'stateEnteredEventDetails' WHEN "type" LIKE '%StateExited' THEN 'stateExitedEventDetails'
            ELSE lower(left("type", 1)) || substr("type", 2) || 'EventDetails' END)::text || ':' || "details", '')
       || '}', ',' ORDER BY "eventId") || ']' AS json
     FROM "HistoryEvent" WHERE "executionId" = $1`,
    [id],
  );
  return rows[0]?.json ?? "[]";
}
