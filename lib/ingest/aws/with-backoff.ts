import { classifyAwsError } from "./aws-errors";

export interface BackoffOptions {
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  /** First delay; doubles per attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Throttling keeps being retried this many times (default 40, about ten minutes at the cap). */
  maxThrottleRetries?: number;
  /** 5xx and connection resets are retried this many times. */
  maxTransientRetries?: number;
  onRetry?: (attempt: number, code: string, delayMs: number) => void;
}

/**
 * Retries `task` on ThrottlingException (and friends) with exponential backoff and jitter, on top of
 * the SDK's own adaptive retries, so a long throttled run slows down instead of failing. Other
 * errors are thrown at once. `task` may keep state between attempts (e.g. a pagination token) to resume.
 */
export async function withBackoff<T>(task: () => Promise<T>, options: BackoffOptions): Promise<T> {
  const { sleep, random = Math.random, baseDelayMs = 250, maxDelayMs = 15_000 } = options;
  const maxThrottle = options.maxThrottleRetries ?? 40;
  const maxTransient = options.maxTransientRetries ?? 3;
  let throttled = 0;
  let transient = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      const { kind, code } = classifyAwsError(error);
      if (kind === "throttle" && throttled < maxThrottle) throttled++;
      else if (kind === "transient" && transient < maxTransient) transient++;
      else throw error;
      const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt - 1, 20));
      const delay = Math.round(exponential * (0.5 + random() / 2));
      options.onRetry?.(attempt, code, delay);
      await sleep(delay);
    }
  }
}
