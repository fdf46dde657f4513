import { DefinitionError } from "../errors";
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

/**
 * The `Retry` or `Catch` field of a state, checked the way AWS checks a definition when it is
 * created: an array of JSON objects, each with a non-empty `ErrorEquals` of strings. Anything
 * else is a DefinitionError naming the state and field (never a TypeError at run time).
 */
function entries(raw: unknown, at: string, what: string): Record<string, unknown>[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new DefinitionError(`must be an array of ${what}s, but was ${describe(raw)}`, at);
  raw.forEach((entry: unknown, i) => {
    const here = `${at}[${i}]`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry))
      throw new DefinitionError(`a ${what} must be a JSON object, but was ${describe(entry)}`, here);
    const errorEquals = (entry as Record<string, unknown>).ErrorEquals;
    if (!Array.isArray(errorEquals) || errorEquals.length === 0 || !errorEquals.every((e) => typeof e === "string")) {
      throw new DefinitionError("must be a non-empty array of error names", `${here}.ErrorEquals`);
    }
  });
  return raw as Record<string, unknown>[];
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

/** The `Retry` field of the state at `state` (e.g. `States.Charge`), with AWS's defaults filled in. */
export function parseRetriers(raw: unknown, state = ""): Retrier[] {
  return entries(raw, state ? `${state}.Retry` : "Retry", "Retrier").map((r) => ({
    errorEquals: r.ErrorEquals as string[],
    intervalSeconds: typeof r.IntervalSeconds === "number" ? r.IntervalSeconds : 1,
    maxAttempts: typeof r.MaxAttempts === "number" ? r.MaxAttempts : 3,
    backoffRate: typeof r.BackoffRate === "number" ? r.BackoffRate : 2,
    maxDelaySeconds: typeof r.MaxDelaySeconds === "number" ? r.MaxDelaySeconds : undefined,
    jitter: r.JitterStrategy === "FULL" ? "FULL" : "NONE",
  }));
}

/** The `Catch` field of the state at `state` (e.g. `States.Charge`); each Catcher needs a `Next` state name. */
export function parseCatchers(raw: unknown, state = ""): Catcher[] {
  const where = state ? `${state}.Catch` : "Catch";
  return entries(raw, where, "Catcher").map((c, i) => {
    if (typeof c.Next !== "string") throw new DefinitionError("a Catcher needs Next, the name of a state", `${where}[${i}].Next`);
    return {
      errorEquals: c.ErrorEquals as string[],
      next: c.Next,
      resultPath: c.ResultPath as string | null | undefined,
      output: c.Output,
      assign: c.Assign,
    };
  });
}

/**
 * Whether an ErrorEquals list matches an error name. `States.ALL` matches everything (States.Runtime
 * never reaches here); `States.TaskFailed` matches everything except States.Timeout.
 * `heartbeat` marks a missed heartbeat: its error is States.Timeout (what AWS records, e.g.
 * LocalStack's AWS-validated test_heartbeats snapshot), which `States.Timeout` matches as before,
 * and `States.HeartbeatTimeout` matches it alone (the developer guide: an error name "only
 * available inside the Catch and Retry fields"; aws-cdk#16084: added so heartbeat timeouts can be
 * handled apart from task timeouts).
 */
export function errorMatches(errorEquals: readonly string[], error: string, heartbeat = false): boolean {
  for (const name of errorEquals) {
    if (name === error || name === "States.ALL") return true;
    if (name === "States.TaskFailed" && error !== "States.Timeout") return true;
    if (heartbeat && name === "States.HeartbeatTimeout") return true;
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

  next(error: string, heartbeat = false): number | undefined {
    const index = this.retriers.findIndex((r) => errorMatches(r.errorEquals, error, heartbeat));
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

export function findCatcher(catchers: readonly Catcher[], error: string, heartbeat = false): Catcher | undefined {
  return catchers.find((c) => errorMatches(c.errorEquals, error, heartbeat));
}
