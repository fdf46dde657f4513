/** Waits until a call may start; resolves in start order. */
export type RatePacer = () => Promise<void>;

/**
 * Spaces call starts at least 1000/perSecond ms apart. CloudWatch Logs allows FilterLogEvents 5
 * transactions per second per account and Region (a hard quota), so pacing there instead of
 * bursting keeps a long backfill off the throttling path, whose backoff sleeps cost more than the
 * pacing does; throttling by others sharing the account is still retried by withBackoff.
 */
export function createRatePacer(perSecond: number, now: () => number, sleep: (ms: number) => Promise<void>): RatePacer {
  if (!(perSecond > 0) || !Number.isFinite(perSecond))
    throw new Error(`rate must be a positive number of calls per second, got ${perSecond}`);
  const interval = 1000 / perSecond;
  let nextStart = -Infinity;
  return async () => {
    const start = Math.max(now(), nextStart);
    nextStart = start + interval;
    const wait = start - now();
    if (wait > 0) await sleep(wait);
  };
}
