import type { HistoryEventJson } from "../asl/history/types";
import { historyEventOf, type EventDto } from "../model/execution";
import { providerOf } from "./bulk-insert";
import { pgSchemaOf, type Db } from "./client";

/**
 * An execution's history as a JSON array of EventDto, assembled by the database itself from the
 * stored detail texts (no per-row work in JavaScript: a 25,000-event history is one string).
 */
export async function historyJson(db: Db, executionId: string): Promise<string> {
  if (providerOf(db) === "sqlite") {
    const rows = await db.$queryRawUnsafe<{ json: string | null }[]>(
      `SELECT '[' || group_concat(item, ',') || ']' AS json FROM (
         SELECT '{"id":' || "eventId" || ',"previousEventId":' || "previousEventId" || ',"timestamp":' || json_quote("timestamp")
           || ',"type":' || json_quote("type") || ',"details":' || coalesce("details", 'null') || '}' AS item
         FROM "HistoryEvent" WHERE "executionId" = ? ORDER BY "eventId")`,
      executionId,
    );
    return rows[0]?.json ?? "[]";
  }
  const schema = pgSchemaOf(db) ?? "public";
  const table = `"${schema.replace(/"/g, '""')}"."HistoryEvent"`;
  const rows = await db.$queryRawUnsafe<{ json: string | null }[]>(
    `SELECT '[' || string_agg('{"id":' || "eventId" || ',"previousEventId":' || "previousEventId" || ',"timestamp":' || to_json(to_char("timestamp", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
       || ',"type":' || to_json("type")::text || ',"details":' || coalesce("details", 'null') || '}', ',' ORDER BY "eventId") || ']' AS json
     FROM ${table} WHERE "executionId" = $1`,
    executionId,
  );
  return rows[0]?.json ?? "[]";
}

/** An execution's stored history in AWS `GetExecutionHistory` shape (timestamps as ISO text). */
export async function storedHistory(db: Db, executionId: string): Promise<HistoryEventJson[]> {
  return (JSON.parse(await historyJson(db, executionId)) as EventDto[]).map(historyEventOf);
}
