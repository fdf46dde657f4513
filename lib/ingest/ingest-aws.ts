import { ListStateMachinesCommand, type StateMachineListItem } from "@aws-sdk/client-sfn";
import { AwsCallError, isRegionFatal, recordError, type AwsContext } from "./aws/aws-context";
import { DefinitionCache } from "./aws/definition-cache";
import { createLimiter } from "./aws/limiter";
import { createRatePacer } from "./aws/rate-pacer";
import { withBackoff } from "./aws/with-backoff";
import { fetchRanDefinition } from "./aws/standard-execution";
import { withRedaction } from "./redact";
import { withBatching } from "./save-batches";
import { createLogsClient, ingestExpressStateMachine } from "./sources/aws-express-logs";
import { createSfnClient, ingestStandardStateMachine } from "./sources/aws-sfn";
import { emptySummary, type IngestSink, type IngestSummary, type ProgressFn } from "./types";

export interface IngestAwsOptions {
  regions: string[];
  /** Named profile for the SDK's default credential chain (never read by us). */
  profile?: string;
  /** Names or ARNs; all state machines of each region when absent. */
  stateMachines?: string[];
  /** Oldest execution start to import on a first run (or a backfill when older than before). */
  since: Date;
  /** An SFN-compatible endpoint (the local engine). */
  endpoint?: string;
  /** AWS calls in flight at once per region (default 4). */
  concurrency?: number;
  /**
   * FilterLogEvents calls started per second per region (default 5, CloudWatch Logs' quota per
   * account and Region; lower it when other readers share the account).
   */
  logsTps?: number;
  /** JSONPath expressions redacted before the sink sees anything. */
  redactPaths?: string[];
  /** How far behind the stored watermark to re-list (default 15 minutes). */
  marginMs?: number;
  /** Child executions read per Map Run (default 1000). */
  maxMapRunChildren?: number;
  /** Injection points for tests. */
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Imports Standard executions (ListExecutions + GetExecutionHistory) and Express executions
 * (CloudWatch Logs) from every region. Failures are recorded in `errors` and the run goes on: a
 * denied or deleted state machine skips that state machine, missing or expired credentials or an
 * unreachable endpoint skip the region. Cursors move only after what they cover is saved, so a
 * killed run can simply be started again.
 */
export async function ingestAws(options: IngestAwsOptions, sink: IngestSink, progress: ProgressFn = () => {}): Promise<IngestSummary> {
  const summary = emptySummary();
  const output = withBatching(withRedaction(sink, options.redactPaths ?? []));
  const concurrency = options.concurrency ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (const region of options.regions) {
    const limit = createLimiter(concurrency);
    const sfn = createSfnClient(region, options);
    const logs = createLogsClient(region, options);
    const api: AwsContext["api"] = (action, resource, task) =>
      limit(() => withBackoff(task, { sleep }).catch((error: unknown) => Promise.reject(new AwsCallError(action, resource, error))));
    const ctx: AwsContext = {
      region,
      sfn,
      logs,
      sink: output,
      summary,
      progress,
      api,
      concurrency,
      logsPacer: createRatePacer(options.logsTps ?? 5, () => Date.now(), sleep),
      since: options.since,
      marginMs: options.marginMs ?? 15 * 60_000,
      now: options.now ?? (() => new Date()),
      maxMapRunChildren: options.maxMapRunChildren ?? 1000,
      definitions: new DefinitionCache(fetchRanDefinition({ api, sfn })),
    };
    try {
      await ingestRegion(ctx, options.stateMachines);
    } catch (error) {
      recordError(ctx, region, error);
    } finally {
      sfn.destroy();
      logs.destroy();
    }
  }
  progress({ phase: "done", target: options.regions.join(","), done: summary.executions, total: summary.executions, summary });
  return summary;
}

async function ingestRegion(ctx: AwsContext, wanted: string[] | undefined): Promise<void> {
  ctx.progress({ phase: "list", target: ctx.region, done: ctx.summary.executions, total: null, summary: ctx.summary });
  const machines: StateMachineListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.api("ListStateMachines", ctx.region, () =>
      ctx.sfn.send(new ListStateMachinesCommand({ maxResults: 1000, nextToken })),
    );
    machines.push(...(page.stateMachines ?? []));
    nextToken = page.nextToken;
  } while (nextToken);

  const selected = wanted?.length ? machines.filter((m) => wanted.includes(m.name!) || wanted.includes(m.stateMachineArn!)) : machines;
  for (const name of wanted ?? []) {
    const inRegion = !name.startsWith("arn:") || name.split(":")[3] === ctx.region;
    if (inRegion && !machines.some((m) => m.name === name || m.stateMachineArn === name)) {
      ctx.summary.errors.push({
        target: name,
        code: "StateMachineDoesNotExist",
        message: `state machine ${name} not found in ${ctx.region}`,
      });
    }
  }
  for (const machine of selected) {
    ctx.summary.stateMachines++;
    const arn = machine.stateMachineArn!;
    try {
      if (machine.type === "EXPRESS") await ingestExpressStateMachine(ctx, arn);
      else await ingestStandardStateMachine(ctx, arn);
    } catch (error) {
      if (isRegionFatal(error)) throw error;
      recordError(ctx, arn, error);
    }
  }
}
