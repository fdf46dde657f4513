import type { Db } from "./client";

export interface MapRunChildren {
  /** child executions by status (all of them, not only the page) */
  counts: Record<string, number>;
  /** errors of the failed children, most frequent first */
  errors: { error: string; count: number }[];
  /** one page of children, oldest first */
  page: {
    id: string;
    name: string;
    status: string;
    startDate: Date;
    stopDate: Date | null;
    durationMs: number | null;
    error: string | null;
  }[];
}

/** The stored child executions of a distributed Map Run (those ingested), with counts and errors. */
export async function mapRunChildren(
  db: Db,
  mapRunArn: string,
  options: { status?: string; take?: number; skip?: number } = {},
): Promise<MapRunChildren> {
  const where = { mapRunArn };
  const [byStatus, byError, page] = await Promise.all([
    db.execution.groupBy({ by: ["status"], where, _count: { _all: true } }),
    db.execution.groupBy({
      by: ["error"],
      where: { ...where, status: { in: ["FAILED", "TIMED_OUT", "ABORTED"] } },
      _count: { _all: true },
    }),
    db.execution.findMany({
      where: options.status ? { ...where, status: options.status } : where,
      select: { id: true, name: true, status: true, startDate: true, stopDate: true, durationMs: true, error: true },
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
      take: options.take ?? 100,
      skip: options.skip ?? 0,
    }),
  ]);
  return {
    counts: Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])),
    errors: byError
      .map((g) => ({ error: g.error ?? "(no error name)", count: g._count._all }))
      .sort((a, b) => b.count - a.count || a.error.localeCompare(b.error)),
    page,
  };
}
