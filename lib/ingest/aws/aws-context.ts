import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { IngestSink, IngestSummary, ProgressFn } from "../types";
import { classifyAwsError, describeAwsError, type ClassifiedError } from "./aws-errors";
import type { DefinitionCache } from "./definition-cache";
import type { RatePacer } from "./rate-pacer";

/** Everything one region's ingestion shares: clients, sink, counters and the rate-limited call. */
export interface AwsContext {
  region: string;
  sfn: SFNClient;
  logs: CloudWatchLogsClient;
  sink: IngestSink;
  summary: IngestSummary;
  progress: ProgressFn;
  /** Runs one AWS call (or one paginated listing) under the concurrency limit, with backoff. */
  api: <T>(action: string, resource: string, task: () => Promise<T>) => Promise<T>;
  concurrency: number;
  /** Waits for the Region's next FilterLogEvents slot (the quota is per account and Region). */
  logsPacer: RatePacer;
  since: Date;
  /** Re-list this far behind the stored watermark (eventual consistency, clock skew). */
  marginMs: number;
  now: () => Date;
  maxMapRunChildren: number;
  definitions: DefinitionCache;
}

/** An AWS call that failed after retries, with what we were doing. */
export class AwsCallError extends Error {
  readonly classified: ClassifiedError;
  constructor(
    readonly action: string,
    readonly resource: string,
    readonly original: unknown,
  ) {
    const classified = describeAwsError(original, action, resource);
    super(classified.message);
    this.name = "AwsCallError";
    this.classified = classified;
  }
}

export function classifyFailure(error: unknown): ClassifiedError {
  if (error instanceof AwsCallError) return error.classified;
  const classified = classifyAwsError(error);
  return { ...classified, message: error instanceof Error ? error.message : String(error) };
}

/** Errors that make every further call in the region pointless. */
export function isRegionFatal(error: unknown): boolean {
  const { kind } = classifyFailure(error);
  return kind === "credentials" || kind === "unreachable";
}

/** Errors that make every further call for this state machine pointless. */
export function isStateMachineFatal(error: unknown): boolean {
  const { kind } = classifyFailure(error);
  return isRegionFatal(error) || kind === "access" || kind === "state-machine-missing";
}

export function recordError(ctx: Pick<AwsContext, "summary">, target: string, error: unknown): void {
  const { code, message } = classifyFailure(error);
  ctx.summary.errors.push({ target, message, code });
}

/**
 * Runs `task` for every item, `limit` at a time. After a failure no new item starts; the ones
 * running finish, then the first failure is thrown.
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let firstError: { error: unknown } | null = null;
  const worker = async () => {
    while (next < items.length && !firstError) {
      const item = items[next++];
      try {
        await task(item);
      } catch (error) {
        firstError ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (firstError) throw (firstError as { error: unknown }).error;
}
