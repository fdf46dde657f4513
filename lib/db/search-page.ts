import { dateValue } from "./bulk-insert";
import type { Db } from "./client";
import { filterColumns } from "./filter-columns";
import type { ExecutionFilter } from "./execution-filter";
import { searchTerm, trigramPhrase } from "./search-term";

/**
 * The windows of the filter's newest rows scanned for the term, in turn, before the trigram index
 * is asked. A term found in many rows (a status word, a common key) fills a page within the first
 * at once, while the index would read and sort every row containing it (seconds at 1M rows); a
 * term seen a few times in the first window is looked for in the second; a rarer term goes to the
 * index, which answers it in milliseconds.
 */
export const SEARCH_WINDOWS = [2_000, 20_000] as const;

const ORDER = `ORDER BY "startDate" DESC, "id" DESC`;

/**
 * SQL true when a row's search text, ASCII-lower-cased as LIKE compares, contains `term`
 * literally. LIKE (escaped) is the fast test, but it reads text only up to a NUL character, so
 * rows holding one are also tested by instr; a term holding one is tested by instr alone.
 */
function containsSql(term: string): { sql: string; params: unknown[] } {
  if (term.includes("\u0000")) return { sql: `instr(lower("searchText"), ?) > 0`, params: [term] };
  return {
    sql: `("searchText" LIKE ? ESCAPE '\\' OR (instr("searchText", char(0)) > 0 AND instr(lower("searchText"), ?) > 0))`,
    params: [`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, term],
  };
}

/**
 * SQLite's payload search: the ids of the first `take` executions (newest first, ties by id
 * descending) that pass `filter` (its `after` cursor included) and whose search text contains
 * the filter's term. The answer is always exactly that of a plain scan; how it is found:
 * 1. terms the trigram index cannot answer (1-2 characters, NUL) are a plain scan, which stops
 *    after `take` matches (such short terms are nearly always frequent);
 * 2. otherwise windows of the filter's K newest rows are scanned: `take` matches there are the
 *    first `take` of all, and a window holding every row of the filter holds every match;
 * 3. else the FTS5 index ("ExecutionSearch", prisma/migrations/20261204170500_execution_search_fts)
 *    gives every row containing the term, looked up by rowid and sorted.
 */
export async function sqliteSearchIds(
  db: Db,
  filter: ExecutionFilter,
  take: number,
  windows: readonly number[] = SEARCH_WINDOWS,
): Promise<string[]> {
  const term = searchTerm(filter.q);
  if (term === null) throw new Error("sqliteSearchIds: the filter has no search term");
  const { where, params } = filterColumns(filter, "sqlite", "?");
  if (filter.after) {
    const at = dateValue(filter.after.startDate, "sqlite");
    where.push(`"startDate" <= ? AND ("startDate" < ? OR "id" < ?)`);
    params.push(at, at, filter.after.id);
  }
  const contains = containsSql(term);
  const ids = async (sql: string, values: unknown[]) => (await db.$queryRawUnsafe<{ id: string }[]>(sql, ...values)).map((r) => r.id);
  const filtered = where.length ? ` WHERE ${where.join(" AND ")}` : "";
  const phrase = trigramPhrase(term);
  if (phrase === null)
    return ids(`SELECT "id" FROM "Execution" WHERE ${[...where, contains.sql].join(" AND ")} ${ORDER} LIMIT ${take}`, [
      ...params,
      ...contains.params,
    ]);
  let seen = 0;
  for (const [k, rows] of windows.entries()) {
    // after `seen` matches in the previous window, go on scanning only if this one should fill the page
    if (k > 0 && seen * (rows / windows[k - 1]) < 1.5 * take) break;
    // The window's rows come in order from the subquery (only keys: a multi-status window is
    // sorted), so the outer query needs no sort and stops at the page's last match.
    const found = await ids(
      `SELECT "Execution"."id" AS "id" FROM (SELECT rowid AS "r", "startDate" AS "s", "id" AS "i" FROM "Execution"${filtered} ${ORDER} LIMIT ${rows}) AS "w"` +
        ` CROSS JOIN "Execution" ON "Execution".rowid = "w"."r" WHERE ${contains.sql} ORDER BY "w"."s" DESC, "w"."i" DESC LIMIT ${take}`,
      [...params, ...contains.params],
    );
    if (found.length === take) return found;
    const size = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT count(*) AS "n" FROM (SELECT 1 FROM "Execution"${filtered} LIMIT ${rows})`,
      ...params,
    );
    if (Number(size[0].n) < rows) return found; // the window held every row of the filter
    seen = found.length;
  }
  // CROSS JOIN keeps the index as the outer loop: only rows containing the term are looked up.
  return ids(
    `SELECT "Execution"."id" AS "id" FROM "ExecutionSearch" CROSS JOIN "Execution" ON "Execution".rowid = "ExecutionSearch".rowid` +
      ` WHERE ${['"ExecutionSearch" MATCH ?', ...where].join(" AND ")} ORDER BY "Execution"."startDate" DESC, "Execution"."id" DESC LIMIT ${take}`,
    [phrase, ...params],
  );
}
