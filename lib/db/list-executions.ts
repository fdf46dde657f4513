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
  if (filter.q?.trim()) and.push({ searchText: { contains: filter.q.trim().toLowerCase() } });
  if (filter.after) {
    and.push({ OR: [{ startDate: { lt: filter.after.startDate } }, { startDate: filter.after.startDate, id: { lt: filter.after.id } }] });
  }
  return and.length ? { AND: and } : {};
}

/** Newest first, keyset-paginated. Returns one page and whether more follow. */
export async function listExecutions(db: Db, filter: ExecutionFilter): Promise<{ rows: ExecutionListRow[]; hasMore: boolean }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  const rows = await db.execution.findMany({
    where: executionWhere(filter),
    orderBy: [{ startDate: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true, name: true, executionArn: true, status: true, type: true, source: true, startDate: true, stopDate: true,
      durationMs: true, error: true, redriveCount: true, incomplete: true, replayOfId: true,
      stateMachine: { select: { id: true, name: true } },
      version: { select: { number: true } },
    },
  });
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}
