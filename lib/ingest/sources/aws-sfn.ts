import { SFNClient } from "@aws-sdk/client-sfn";
import { forEachLimited, type AwsContext } from "../aws/aws-context";
import { ingestListedExecution, listExecutions, refreshExecution, type RunState } from "../aws/standard-execution";

export interface AwsClientOptions {
  /** A named profile of the shared config files; credentials still come from the SDK's default chain. */
  profile?: string;
  /** An SFN-compatible endpoint (the local engine, LocalStack). */
  endpoint?: string;
}

/**
 * One client per region: adaptive retry mode (client-side rate limiting on throttling), credentials
 * from the SDK's default provider chain. For a loopback endpoint (the local engine) a machine with
 * no AWS credentials at all still works: requests are then signed with placeholder keys.
 */
export function createSfnClient(region: string, options: AwsClientOptions = {}): SFNClient {
  const base = { region, profile: options.profile, endpoint: options.endpoint, retryMode: "adaptive", maxAttempts: 5 };
  if (!options.endpoint || !isLoopback(options.endpoint)) return new SFNClient(base);
  return new SFNClient({
    ...base,
    credentials: loopbackCredentials(new SFNClient({ region, profile: options.profile }).config.credentials),
  });
}

type CredentialChain = (properties?: Record<string, unknown>) => Promise<{ accessKeyId: string; secretAccessKey: string }>;

/** The SDK's default chain, falling back to placeholder keys (a loopback endpoint checks no signature). */
export function loopbackCredentials(chain: CredentialChain): CredentialChain {
  return async (properties?: Record<string, unknown>) => {
    try {
      return await chain(properties);
    } catch {
      return { accessKeyId: "statelens-local", secretAccessKey: "statelens-local" };
    }
  };
}

export function isLoopback(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return host === "localhost" || host === "[::1]" || host === "::1" || /^127\./.test(host);
  } catch {
    return false;
  }
}

/** What the `aws:sfn:<arn>` cursor holds. */
export interface StandardCursor {
  /** Start date of the newest execution saved so far. */
  newest: string | null;
  /** The oldest `since` this state machine has been covered from. */
  floor: string;
  /** Executions saved as RUNNING, refreshed on later runs until they close. */
  running: string[];
}

export function standardCursorKey(stateMachineArn: string): string {
  return `aws:sfn:${stateMachineArn}`;
}

/**
 * A Standard state machine: ListExecutions newest first down to the watermark minus a safety
 * margin (or `since` on the first run or a backfill), refresh executions left RUNNING, re-fetch
 * redriven ones whose redriveCount changed, then advance the cursor, only after every execution
 * it covers is saved.
 */
export async function ingestStandardStateMachine(ctx: AwsContext, stateMachineArn: string): Promise<void> {
  const key = standardCursorKey(stateMachineArn);
  const cursor = parseCursor(await ctx.sink.getCursor(key));
  const floor = cursor ? new Date(cursor.floor) : null;
  const backfill = !cursor || !floor || ctx.since < floor;
  const stopBefore =
    backfill || !cursor.newest ? ctx.since : new Date(Math.max(ctx.since.getTime(), new Date(cursor.newest).getTime() - ctx.marginMs));
  const state: RunState = { running: new Set(cursor?.running ?? []), handled: new Set(), failed: false };

  ctx.progress({ phase: "list", target: stateMachineArn, done: ctx.summary.executions, total: null, summary: ctx.summary });
  const listed = await listExecutions(ctx, { stateMachineArn }, stopBefore);
  // Now the work for this state machine is known: the CLI's progress bar shows a total and an ETA.
  ctx.progress({
    phase: "list",
    target: stateMachineArn,
    done: ctx.summary.executions,
    total: ctx.summary.executions + listed.length,
    summary: ctx.summary,
  });
  await forEachLimited(listed, ctx.concurrency, (item) => ingestListedExecution(ctx, item, state));

  const stillRunning = (cursor?.running ?? []).filter((arn) => !state.handled.has(arn));
  await forEachLimited(stillRunning, ctx.concurrency, (arn) => refreshExecution(ctx, arn, state));

  const redriven = await listExecutions(ctx, { stateMachineArn, redriveFilter: "REDRIVEN" }, ctx.since);
  await forEachLimited(redriven, ctx.concurrency, (item) => ingestListedExecution(ctx, item, state));

  const newestListed = listed.reduce<number>((max, item) => Math.max(max, item.startDate?.getTime() ?? 0), 0);
  const next: StandardCursor = state.failed
    ? { newest: cursor?.newest ?? null, floor: cursor?.floor ?? ctx.since.toISOString(), running: [...state.running] }
    : {
        newest: maxIso(cursor?.newest ?? null, newestListed),
        floor: new Date(Math.min(ctx.since.getTime(), floor?.getTime() ?? Infinity)).toISOString(),
        running: [...state.running],
      };
  // A failed first run stores no floor, so the next run lists from `since` again.
  if (state.failed && !cursor) return;
  await ctx.sink.setCursor(key, JSON.stringify(next));
}

function parseCursor(value: string | null): StandardCursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<StandardCursor>;
    if (typeof parsed.floor !== "string") return null;
    return {
      newest: typeof parsed.newest === "string" ? parsed.newest : null,
      floor: parsed.floor,
      running: Array.isArray(parsed.running) ? parsed.running : [],
    };
  } catch {
    return null;
  }
}

function maxIso(previous: string | null, ms: number): string | null {
  const best = Math.max(previous ? new Date(previous).getTime() : 0, ms);
  return best > 0 ? new Date(best).toISOString() : null;
}
