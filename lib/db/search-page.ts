import { dateValue } from "./bulk-insert";
import type { Db } from "./client";
import { filterColumns } from "./filter-columns";
import type { ExecutionFilter } from "./list-executions";
import { searchTerm, trigramPhrase } from "./search-term";

/**
 * How many of the filter's newest rows are scanned for the term before the trigram index is
 * asked. A term found in many rows (a status word, a common key) fills a page within them at
 * once, while through the index every row containing it would be read and sorted (seconds at
 * 1M rows); a rarer term does not fill the page there and goes to the index.
 */
export const SEARCH_SCAN_ROWS = 2_000;

/** A row contains the term: its text, ASCII-lower-cased as LIKE compares it, holds it literally. */
const CONTAINS = `instr(lower("searchText"), ?) > 0`;
const ORDER = `ORDER BY "startDate" DESC, "id" DESC`;

/**
 * SQLite's payload search: the ids of the first `take` executions (newest first, ties by id
 * descending) that pass `filter` (its `after` cursor included) and whose search text contains
 * the filter's term. The answer is always exactly that of a plain scan; how it is found:
 * 1. terms the trigram index cannot answer (1-2 characters, NUL) are a plain scan, which stops
 *    after `take` matches (such short terms are nearly always frequent);
 * 2. otherwise the filter's newest SEARCH_SCAN_ROWS rows are scanned: if `take` of them match,
 *    those are the first `take` matches of the whole filter;
 * 3. else the FTS5 index ("ExecutionSearch", prisma/migrations/20261204170500_execution_search_fts)
 *    gives every row containing the term, joined by rowid and sorted.
 */
export async function sqliteSearchIds(db: Db, filter: ExecutionFilter, take: number, scanRows = SEARCH_SCAN_ROWS): Promise<string[]> {
  const term = searchTerm(filter.q);
  if (term === null) throw new Error("sqliteSearchIds: the filter has no search term");
  const { where, params } = filterColumns(filter, "sqlite", "?");
  if (filter.after) {
    const at = dateValue(filter.after.startDate, "sqlite");
    where.push(`"startDate" <= ? AND ("startDate" < ? OR "id" < ?)`);
    params.push(at, at, filter.after.id);
  }
  const ids = async (sql: string, values: unknown[]) => (await db.$queryRawUnsafe<{ id: string }[]>(sql, ...values)).map((r) => r.id);
  const phrase = trigramPhrase(term);
  if (phrase === null) return ids(`SELECT "id" FROM "Execution" WHERE ${[...where, CONTAINS].join(" AND ")} ${ORDER} LIMIT ${take}`, [...params, term]);
  const newest = await ids(
    `SELECT "id" FROM (SELECT "id", "startDate", "searchText" FROM "Execution"${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ${ORDER} LIMIT ${scanRows})` +
      ` WHERE ${CONTAINS} ${ORDER} LIMIT ${take}`,
    [...params, term],
  );
  if (newest.length === take) return newest;
  // CROSS JOIN keeps the index as the outer loop: only rows containing the term are looked up.
  return ids(
    `SELECT "Execution"."id" AS "id" FROM "ExecutionSearch" CROSS JOIN "Execution" ON "Execution".rowid = "ExecutionSearch".rowid` +
      ` WHERE ${["\"ExecutionSearch\" MATCH ?", ...where].join(" AND ")} ORDER BY "Execution"."startDate" DESC, "Execution"."id" DESC LIMIT ${take}`,
    [phrase, ...params],
  );
}
