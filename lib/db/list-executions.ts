import type { Db } from "./client";
import type { Prisma } from "../generated/prisma/client";

export interface ExecutionFilter {
  stateMachineId?: string;
  versionId?: string;
  status?: string[];
  source?: string[];
  error?: string;
  from?: Date;
  to?: Date;
  /** matches the name and any payload, error or cause (case-insensitive substring) */
  q?: string;
  /** only executions redriven at least once */
  redriven?: boolean;
  region?: string;
  accountId?: string;
  /** a predicate on the input text, applied after the SQL filters (see input-condition.ts) */
  inputCondition?: { test(inputText: string | null): Promise<boolean> };
  /** keyset cursor: the last row of the previous page */
  after?: { startDate: Date; id: string };
  limit?: number;
}

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

export function executionWhere(filter: ExecutionFilter): Prisma.ExecutionWhereInput {
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
  if (filter.q?.trim()) and.push({ searchText: { contains: filter.q.trim().toLowerCase() } });
  if (filter.after) {
    // the plain bound lets the (startDate) indexes range-scan; the OR breaks ties on id
    and.push({ startDate: { lte: filter.after.startDate } });
    and.push({ OR: [{ startDate: { lt: filter.after.startDate } }, { startDate: filter.after.startDate, id: { lt: filter.after.id } }] });
  }
  return and.length ? { AND: and } : {};
}

const ROW_SELECT = {
  id: true, name: true, executionArn: true, status: true, type: true, source: true, startDate: true, stopDate: true,
  durationMs: true, error: true, redriveCount: true, incomplete: true, replayOfId: true,
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
 * CONDITION_SCAN_LIMIT rows were examined; `scanLimited` then says the page may be short.
 */
export async function listExecutions(db: Db, filter: ExecutionFilter): Promise<{ rows: ExecutionListRow[]; hasMore: boolean; scanLimited?: boolean }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  if (filter.inputCondition) return listWithCondition(db, filter, limit, filter.inputCondition);
  const page = (f: ExecutionFilter) =>
    db.execution.findMany({ where: executionWhere(f), orderBy: [{ startDate: "desc" }, { id: "desc" }], take: limit + 1, select: ROW_SELECT });
  let rows: ExecutionListRow[];
  if ((filter.status?.length ?? 0) > 1) {
    // One indexed (status, startDate) scan per status, merged: SQLite would otherwise sort every match.
    const parts = await Promise.all(filter.status!.map((status) => page({ ...filter, status: [status] })));
    rows = parts.flat().sort(newestFirst).slice(0, limit + 1);
  } else {
    rows = await page(filter);
  }
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}

async function listWithCondition(db: Db, filter: ExecutionFilter, limit: number, condition: NonNullable<ExecutionFilter["inputCondition"]>) {
  const matched: ExecutionListRow[] = [];
  let after = filter.after;
  let scanned = 0;
  const batch = 500;
  for (;;) {
    const rows = await db.execution.findMany({
      where: executionWhere({ ...filter, after }),
      orderBy: [{ startDate: "desc" }, { id: "desc" }],
      take: batch,
      select: { ...ROW_SELECT, input: true },
    });
    for (const { input, ...row } of rows) {
      scanned++;
      if (await condition.test(input)) {
        if (matched.length === limit) return { rows: matched, hasMore: true };
        matched.push(row);
      }
    }
    if (rows.length < batch) return { rows: matched, hasMore: false };
    if (scanned >= CONDITION_SCAN_LIMIT) return { rows: matched, hasMore: true, scanLimited: true };
    const last = rows[rows.length - 1];
    after = { startDate: last.startDate, id: last.id };
  }
}

