import type { RandomPort } from "../ports";

/** A Retrier as written in the definition, with AWS's defaults filled in. */
export interface Retrier {
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds: number | undefined;
  jitter: "FULL" | "NONE";
}

export interface Catcher {
  errorEquals: string[];
  next: string;
  resultPath: string | null | undefined;
  output: unknown;
  assign: unknown;
}

export function parseRetriers(raw: unknown): Retrier[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((r: Record<string, unknown>) => ({
    errorEquals: Array.isArray(r.ErrorEquals) ? (r.ErrorEquals as string[]) : [],
    intervalSeconds: typeof r.IntervalSeconds === "number" ? r.IntervalSeconds : 1,
    maxAttempts: typeof r.MaxAttempts === "number" ? r.MaxAttempts : 3,
    backoffRate: typeof r.BackoffRate === "number" ? r.BackoffRate : 2,
    maxDelaySeconds: typeof r.MaxDelaySeconds === "number" ? r.MaxDelaySeconds : undefined,
    jitter: r.JitterStrategy === "FULL" ? "FULL" : "NONE",
  }));
}

export function parseCatchers(raw: unknown): Catcher[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((c: Record<string, unknown>) => ({
    errorEquals: Array.isArray(c.ErrorEquals) ? (c.ErrorEquals as string[]) : [],
    next: c.Next as string,
    resultPath: c.ResultPath as string | null | undefined,
    output: c.Output,
    assign: c.Assign,
  }));
}

/**
 * Whether an ErrorEquals list matches an error name. `States.ALL` matches everything (States.Runtime
 * never reaches here); `States.TaskFailed` matches everything except States.Timeout.
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  for (const name of errorEquals) {
    if (name === error || name === "States.ALL") return true;
    if (name === "States.TaskFailed" && error !== "States.Timeout") return true;
  }
  return false;
}

/**
 * Retry bookkeeping for one state entry: each retrier counts its own attempts.
 * `next(error)` returns the delay before the next attempt in ms, or undefined when no retrier
 * applies or the matching one is exhausted.
 */
export class RetryTracker {
  private readonly attempts: number[];
  /** Total retries so far (`$$.State.RetryCount`). */
  count = 0;

  constructor(
    private readonly retriers: readonly Retrier[],
    private readonly random: RandomPort,
  ) {
    this.attempts = retriers.map(() => 0);
  }

  /** Counts attempts that already failed with these errors (a resumed state), drawing no jitter. */
  restore(errors: readonly string[]): this {
    for (const error of errors) {
      const index = this.retriers.findIndex((r) => errorMatches(r.errorEquals, error));
      if (index < 0 || this.attempts[index] >= this.retriers[index].maxAttempts) continue;
      this.attempts[index]++;
      this.count++;
    }
    return this;
  }

  next(error: string): number | undefined {
    const index = this.retriers.findIndex((r) => errorMatches(r.errorEquals, error));
    if (index < 0) return undefined;
    const retrier = this.retriers[index];
    const attempt = this.attempts[index];
    if (attempt >= retrier.maxAttempts) return undefined;
    this.attempts[index] = attempt + 1;
    this.count++;
    return retryDelayMs(retrier, attempt, this.random);
  }
}

/** IntervalSeconds x BackoffRate^attempt, capped by MaxDelaySeconds, with FULL jitter drawn from `random`. */
export function retryDelayMs(retrier: Retrier, attempt: number, random: RandomPort): number {
  let seconds = retrier.intervalSeconds * Math.pow(retrier.backoffRate, attempt);
  if (retrier.maxDelaySeconds !== undefined && seconds > retrier.maxDelaySeconds) seconds = retrier.maxDelaySeconds;
  if (retrier.jitter === "FULL") seconds = random.random() * seconds;
  return Math.round(seconds * 1000);
}

export function findCatcher(catchers: readonly Catcher[], error: string): Catcher | undefined {
  return catchers.find((c) => errorMatches(c.errorEquals, error));
}
