import type { EventDto } from "../model/execution";
import { providerOf } from "./bulk-insert";
import { pgSchemaOf, type Db } from "./client";

/**
 * An execution's history as a JSON array of EventDto (AWS's HistoryEvent as JSON: each stored
 * details text under its `<x>EventDetails` key, as lib/asl/history/types' eventDetailsKey names
 * it), assembled by the database itself (no per-row work in JavaScript: a 25,000-event history is
 * one string).
 */
export async function historyJson(db: Db, executionId: string): Promise<string> {
  if (providerOf(db) === "sqlite") {
    const rows = await db.$queryRawUnsafe<{ json: string | null }[]>(
      `SELECT '[' || group_concat(item, ',') || ']' AS json FROM (
         SELECT '{"id":' || "eventId" || ',"previousEventId":' || "previousEventId" || ',"timestamp":' || json_quote("timestamp")
           || ',"type":' || json_quote("type") || coalesce(',' || json_quote(${detailsKey('"type"', "sqlite")}) || ':' || "details", '') || '}' AS item
         FROM "HistoryEvent" WHERE "executionId" = ? ORDER BY "eventId")`,
      executionId,
    );
    return rows[0]?.json ?? "[]";
  }
  const schema = pgSchemaOf(db) ?? "public";
  const table = `"${schema.replace(/"/g, '""')}"."HistoryEvent"`;
  const rows = await db.$queryRawUnsafe<{ json: string | null }[]>(
    `SELECT '[' || string_agg('{"id":' || "eventId" || ',"previousEventId":' || "previousEventId" || ',"timestamp":' || to_json(to_char("timestamp", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
       || ',"type":' || to_json("type")::text || coalesce(',' || to_json(${detailsKey('"type"', "postgresql")})::text || ':' || "details", '')
       || '}', ',' ORDER BY "eventId") || ']' AS json
     FROM ${table} WHERE "executionId" = $1`,
    executionId,
  );
  return rows[0]?.json ?? "[]";
}

/** An execution's stored history in AWS `GetExecutionHistory` shape (timestamps as ISO text). */
export async function storedHistory(db: Db, executionId: string): Promise<EventDto[]> {
  return JSON.parse(await historyJson(db, executionId)) as EventDto[];
}

/**
 * SQL for eventDetailsKey(type): `stateEnteredEventDetails` / `stateExitedEventDetails` for state
 * entries and exits, else the type with a lower-case first letter and `EventDetails` appended
 * (lib/asl/history/types' table gives exactly that for every other type).
 */
function detailsKey(type: string, provider: "sqlite" | "postgresql"): string {
  const lowerFirst =
    provider === "sqlite" ? `lower(substr(${type}, 1, 1)) || substr(${type}, 2)` : `lower(left(${type}, 1)) || substr(${type}, 2)`;
  return `CASE WHEN ${type} LIKE '%StateEntered' THEN 'stateEnteredEventDetails' WHEN ${type} LIKE '%StateExited' THEN 'stateExitedEventDetails' ELSE ${lowerFirst} || 'EventDetails' END`;
}
