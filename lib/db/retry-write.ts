import { isSqliteBusy } from "./sqlite-adapter";

export type RetryReason = "unique" | "foreign-key" | "busy" | "conflict";

/** Why a whole-transaction write failed in a way that running it again can fix, or null. */
export function retryReason(error: unknown): RetryReason | null {
  const code = (error as { code?: unknown } | null)?.code;
  // Prisma's codes, and PostgreSQL's own (SQLSTATE) from writes through node-postgres
  if (code === "P2002" || code === "23505") return "unique"; // a concurrent writer created the same row first
  if (code === "P2003" || code === "23503") return "foreign-key"; // a row it pointed at was deleted meanwhile
  if (code === "P2034" || code === "40P01" || code === "40001") return "conflict"; // PostgreSQL deadlock or serialization failure
  if (code === "P1008" || isSqliteBusy(error)) return "busy"; // SQLITE_BUSY*: another process held the lock too long
  return null;
}

/**
 * Runs `work` (one whole transaction, which rolls back entirely when it fails) again when it lost
 * a race with another writer: a unique key taken meanwhile, a deadlock, or a store busy beyond its
 * lock timeout. Waits with jittered exponential backoff between attempts; any other error, or the
 * last attempt's, is thrown. `onRetry` hears each reason (e.g. to drop cached ids).
 */
export async function retryWrite<T>(
  work: () => Promise<T>,
  options: { attempts?: number; onRetry?: (reason: RetryReason) => void } = {},
): Promise<T> {
  const attempts = options.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const reason = retryReason(error);
      if (!reason || attempt >= attempts) throw error;
      options.onRetry?.(reason);
      const base = reason === "unique" || reason === "foreign-key" ? 10 * attempt : Math.min(2_000, 25 * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, base * (0.5 + Math.random())));
    }
  }
}
