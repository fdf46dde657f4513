import type { Db } from "./client";

/** The start of the oldest stored execution (replays left out), or null for an empty store: where "All time" begins. */
export async function oldestExecutionStart(db: Db): Promise<Date | null> {
  const row = await db.execution.findFirst({
    where: { source: { not: "replay" } },
    orderBy: { startDate: "asc" },
    select: { startDate: true },
  });
  return row?.startDate ?? null;
}
