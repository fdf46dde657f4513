import type { Db } from "../db/client";
import { deleteExecutionsBefore, type PruneResult } from "../db/delete-executions-before";

const DAY_MS = 86_400_000;

/** STATELENS_RETENTION_DAYS as a number of days, null when unset; an unusable value is an error. */
export function retentionDays(env: Record<string, string | undefined> = process.env): number | null {
  const raw = env.STATELENS_RETENTION_DAYS?.trim();
  if (!raw) return null;
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0) throw new Error(`STATELENS_RETENTION_DAYS must be a positive number of days, got "${raw}"`);
  return days;
}

/**
 * The automatic retention policy `statelens ingest` applies after each run: with
 * STATELENS_RETENTION_DAYS=N, executions that started more than N days ago are deleted.
 * Returns null when no policy is set.
 */
export async function applyRetention(
  db: Db,
  now: Date = new Date(),
  env: Record<string, string | undefined> = process.env,
): Promise<(PruneResult & { days: number }) | null> {
  const days = retentionDays(env);
  if (days === null) return null;
  const result = await deleteExecutionsBefore(db, new Date(now.getTime() - days * DAY_MS));
  return { ...result, days };
}
