import { dateValue, providerOf, type Provider } from "./bulk-insert";
import { pgSchemaOf, type Db } from "./client";
import { filterColumns } from "./filter-columns";
import { parsePrefilter, prefilterSql } from "./jsonata-prefilter";
import { sqliteSearchIds } from "./search-page";
import { containsPattern, searchTerm } from "./search-term";
import type { Prisma } from "../generated/prisma/client";
import type { ExecutionFilter } from "./execution-filter";

export type { ExecutionFilter } from "./execution-filter";

export interface ExecutionListRow {
  id: string;
  name: string;
  executionArn: string;
  status: string;
  type: string;
  source: string;
  startDate: Date;
  stopDate: Date | null;
  durationMs: number | null;
  error: string | null;
  redriveCount: number;
  incomplete: string | null;
  replayOfId: string | null;
  stateMachine: { id: string; name: string };
  version: { number: number } | null;
}

/**
 * The filter as a Prisma condition. The search term is a LIKE on PostgreSQL (escaped, so it is
 * literal, and served by the trigram GIN index); SQLite's LIKE has no escape character Prisma could
 * use, so there a search goes through sqliteSearchIds (FTS5) and never through this function.
 */
export function executionWhere(filter: ExecutionFilter, provider: Provider): Prisma.ExecutionWhereInput {
  const and: Prisma.ExecutionWhereInput[] = [];
  if (filter.stateMachineId) and.push({ stateMachineId: filter.stateMachineId });
  if (filter.versionId) and.push({ versionId: filter.versionId });
  if (filter.status?.length) and.push({ status: { in: filter.status } });
  if (filter.source?.length) and.push({ source: { in: filter.source } });
  if (filter.error) and.push({ error: filter.error });
  if (filter.from) and.push({ startDate: { gte: filter.from } });
  if (filter.to) and.push({ startDate: { lte: filter.to } });
  if (filter.redriven) and.push({ redriveCount: { gt: 0 } });
  if (filter.region) and.push({ region: filter.region });
  if (filter.accountId) and.push({ accountId: filter.accountId });
  const term = searchTerm(filter.q);
  if (term !== null) {
    if (provider === "sqlite") throw new Error("executionWhere: on SQLite a search term goes through sqliteSearchIds");
    and.push({ searchText: { contains: containsPattern(term) } });
  }
  if (filter.after) {
    // the plain bound lets the (startDate) indexes range-scan; the OR breaks ties on id
    and.push({ startDate: { lte: filter.after.startDate } });
    and.push({ OR: [{ startDate: { lt: filter.after.startDate } }, { startDate: filter.after.startDate, id: { lt: filter.after.id } }] });
  }
  return and.length ? { AND: and } : {};
}

const ROW_SELECT = {
  id: true,
  name: true,
  executionArn: true,
  status: true,
  type: true,
  source: true,
  startDate: true,
  stopDate: true,
  durationMs: true,
  error: true,
  redriveCount: true,
  incomplete: true,
  replayOfId: true,
  stateMachine: { select: { id: true, name: true } },
  version: { select: { number: true } },
} as const;

function newestFirst(a: ExecutionListRow, b: ExecutionListRow): number {
  return b.startDate.getTime() - a.startDate.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** How many rows an input condition may scan for one page before it stops and says so. */
export const CONDITION_SCAN_LIMIT = 20_000;

/**
 * Newest first, keyset-paginated. Returns one page and whether more follow. With an input
 * condition, rows are scanned in batches (newest first) until the page is full or
 * CONDITION_SCAN_LIMIT rows (`options.scanLimit`, in whole batches of up to 500) were examined;
 * `scanLimited` then says the page may be short. Simple conditions are pushed down to SQL first
 * (jsonata-prefilter.ts), with the same rows examined and so the same pages.
 */
export async function listExecutions(db: Db, filter: ExecutionFilter, options: { scanLimit?: number } = {}): Promise<Page> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  if (filter.inputCondition)
    return listWithCondition(db, filter, limit, filter.inputCondition, scanWindow(options.scanLimit ?? CONDITION_SCAN_LIMIT));
  const provider = providerOf(db);
  const page = (f: ExecutionFilter) =>
    db.execution.findMany({
      where: executionWhere(f, provider),
      orderBy: [{ startDate: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: ROW_SELECT,
    });
  let rows: ExecutionListRow[];
  if (sqliteSearch(db, filter)) {
    // several statuses: one search per status (each walks its own index in order), merged
    const statuses = (filter.status?.length ?? 0) > 1 ? filter.status!.map((status) => [status]) : [filter.status];
    const ids = (await Promise.all(statuses.map((status) => sqliteSearchIds(db, { ...filter, status }, limit + 1)))).flat();
    rows = (
      await db.execution.findMany({ where: { id: { in: ids } }, orderBy: [{ startDate: "desc" }, { id: "desc" }], select: ROW_SELECT })
    ).slice(0, limit + 1);
  } else if ((filter.status?.length ?? 0) > 1) {
    // One indexed (status, startDate) scan per status, merged: SQLite would otherwise sort every match.
    const parts = await Promise.all(filter.status!.map((status) => page({ ...filter, status: [status] })));
    rows = parts
      .flat()
      .sort(newestFirst)
      .slice(0, limit + 1);
  } else {
    rows = await page(filter);
  }
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}

/** A search on SQLite: its rows come from sqliteSearchIds, not from a Prisma condition. */
function sqliteSearch(db: Db, filter: ExecutionFilter): boolean {
  return providerOf(db) === "sqlite" && searchTerm(filter.q) !== null;
}

type Condition = NonNullable<ExecutionFilter["inputCondition"]>;

/** The condition's verdicts on a batch of inputs: in one call when it takes batches (a worker round trip). */
async function verdictsOf(condition: Condition, inputs: (string | null)[]): Promise<boolean[]> {
  if (condition.testMany) return condition.testMany(inputs);
  const verdicts: boolean[] = [];
  for (const input of inputs) verdicts.push(await condition.test(input));
  return verdicts;
}
type Page = { rows: ExecutionListRow[]; hasMore: boolean; scanLimited?: boolean };
/** Rows examined per batch by the scan, and how many it examines at most (whole batches). */
type Window = { batch: number; rows: number };

function scanWindow(scanLimit: number): Window {
  if (!Number.isInteger(scanLimit) || scanLimit < 1)
    throw new Error(`listExecutions: scanLimit must be a positive integer, got ${scanLimit}`);
  const batch = Math.min(500, scanLimit);
  return { batch, rows: Math.ceil(scanLimit / batch) * batch };
}

async function listWithCondition(db: Db, filter: ExecutionFilter, limit: number, condition: Condition, window: Window): Promise<Page> {
  // A SQLite search scans: its window's rows come from the search, which windowEnd cannot count.
  const prefilter = condition.text === undefined || sqliteSearch(db, filter) ? null : parsePrefilter(condition.text);
  if (prefilter) {
    const sql = prefilterSql(prefilter, providerOf(db));
    const page = await listWithPrefilter(db, filter, limit, condition, sql, window);
    if (page) return page;
  }
  return scanWithCondition(db, filter, limit, condition, window);
}

/**
 * The same page as scanWithCondition: the same window (the first CONDITION_SCAN_LIMIT rows of the
 * filter), but only rows passing the SQL prefilter are read and tested in JS. The window's last row
 * is found first; candidates are then taken newest first within it. Null when the database refused
 * the prefilter (e.g. an input that is not JSON): the caller then scans.
 */
async function listWithPrefilter(
  db: Db,
  filter: ExecutionFilter,
  limit: number,
  condition: Condition,
  pre: { sql: string; params: unknown[]; join: string },
  window: Window,
): Promise<Page | null> {
  const provider = providerOf(db);
  const order = [{ startDate: "desc" as const }, { id: "desc" as const }];
  const boundary = await windowEnd(db, filter, window.rows);
  const schema = pgSchemaOf(db);
  const table = schema ? `"${schema.replace(/"/g, '""')}"."Execution"` : `"Execution"`;
  const ts = provider === "sqlite" ? "?" : "CAST(? AS timestamp(3))";
  const matched: ExecutionListRow[] = [];
  const batch = limit + 1; // candidates mostly match: ask for no more than the page needs
  let after = filter.after;
  const base = { ...filter, after: undefined };
  const columns = filterColumns(filter, provider, ts);
  for (;;) {
    const where = [pre.sql, ...columns.where];
    const params: unknown[] = [...pre.params, ...columns.params];
    if (after) {
      where.push(`"startDate" <= ${ts} AND ("startDate" < ${ts} OR "id" < ?)`);
      const at = dateValue(after.startDate, provider);
      params.push(at, at, after.id);
    }
    if (boundary) {
      where.push(`"startDate" >= ${ts} AND ("startDate" > ${ts} OR "id" >= ?)`);
      const at = dateValue(boundary.startDate, provider);
      params.push(at, at, boundary.id);
    }
    let sql = `SELECT "id" FROM ${table}${pre.join} WHERE ${where.join(" AND ")} ORDER BY "startDate" DESC, "id" DESC LIMIT ${batch}`;
    if (provider === "postgresql") {
      let n = 0;
      sql = sql.replace(/\?/g, () => `$${++n}`);
    }
    let ids: { id: string }[];
    try {
      ids = await db.$queryRawUnsafe<{ id: string }[]>(sql, ...params);
    } catch {
      return null; // the page is then scanned from its start, as without a prefilter
    }
    if (ids.length) {
      const rows = await db.execution.findMany({
        where: { AND: [executionWhere(base, provider), { id: { in: ids.map((r) => r.id) } }] },
        orderBy: order,
        select: { ...ROW_SELECT, input: true },
      });
      const verdicts = await verdictsOf(
        condition,
        rows.map((r) => r.input),
      );
      for (const [i, { input: _input, ...row }] of rows.entries()) {
        if (verdicts[i]) {
          if (matched.length === limit) return { rows: matched, hasMore: true };
          matched.push(row);
        }
      }
    }
    if (ids.length < batch) return boundary ? { rows: matched, hasMore: true, scanLimited: true } : { rows: matched, hasMore: false };
    const lastId = ids[ids.length - 1].id;
    const last = await db.execution.findUniqueOrThrow({ where: { id: lastId }, select: { startDate: true, id: true } });
    after = last;
  }
}

/**
 * The last row scanWithCondition would examine: the window's last row of the filter, newest
 * first (null when there are fewer). Found by startDate alone (an index-only walk), then among the
 * rows sharing that startDate by id, since ordering by (startDate, id) would read every row.
 */
async function windowEnd(db: Db, filter: ExecutionFilter, rows: number): Promise<{ startDate: Date; id: string } | null> {
  const where = executionWhere(filter, providerOf(db));
  const edge = await db.execution.findFirst({ where, orderBy: { startDate: "desc" }, skip: rows - 1, select: { startDate: true } });
  if (!edge) return null;
  const newer = await db.execution.count({ where: { AND: [where, { startDate: { gt: edge.startDate } }] } });
  const tie = await db.execution.findFirst({
    where: { AND: [where, { startDate: edge.startDate }] },
    orderBy: { id: "desc" },
    skip: rows - 1 - newer,
    select: { startDate: true, id: true },
  });
  if (!tie) throw new Error("input condition: the scan window changed while it was measured");
  return tie;
}

async function scanWithCondition(db: Db, filter: ExecutionFilter, limit: number, condition: Condition, window: Window): Promise<Page> {
  const matched: ExecutionListRow[] = [];
  let after = filter.after;
  let scanned = 0;
  const batch = window.batch;
  for (;;) {
    const order = [{ startDate: "desc" as const }, { id: "desc" as const }];
    const select = { ...ROW_SELECT, input: true };
    const rows = sqliteSearch(db, filter)
      ? await db.execution.findMany({
          where: { id: { in: await sqliteSearchIds(db, { ...filter, after }, batch) } },
          orderBy: order,
          select,
        })
      : await db.execution.findMany({ where: executionWhere({ ...filter, after }, providerOf(db)), orderBy: order, take: batch, select });
    const verdicts = await verdictsOf(
      condition,
      rows.map((r) => r.input),
    );
    for (const [i, { input: _input, ...row }] of rows.entries()) {
      scanned++;
      if (verdicts[i]) {
        if (matched.length === limit) return { rows: matched, hasMore: true };
        matched.push(row);
      }
    }
    if (rows.length < batch) return { rows: matched, hasMore: false };
    if (scanned >= window.rows) return { rows: matched, hasMore: true, scanLimited: true };
    const last = rows[rows.length - 1];
    after = { startDate: last.startDate, id: last.id };
  }
}
