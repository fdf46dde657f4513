import { CloudWatchLogsClient, FilterLogEventsCommand, type FilterLogEventsCommandOutput } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeStateMachineCommand } from "@aws-sdk/client-sfn";
import { forEachLimited, type AwsContext } from "../aws/aws-context";
import { createLimiter, type Limiter } from "../aws/limiter";
import { parseExecutionArn } from "../arn";
import { countSave, type IngestedExecution } from "../types";
import { isLoopback, loopbackCredentials, type AwsClientOptions } from "./aws-sfn";
import {
  EXPRESS_MAX_DURATION_MS,
  LOG_DELIVERY_LAG_MS,
  PartitionGrouper,
  splitWindow,
  type LogPartition,
  type LogRecordLike,
} from "./express-log-partitions";
import { executionsFromLogRecords, type LogRecordsOptions } from "./log-records";

export { EXPRESS_MAX_DURATION_MS, LOG_DELIVERY_LAG_MS } from "./express-log-partitions";

/**
 * The CloudWatch Logs client of a region. An `endpoint` that is not an AWS host (the local engine,
 * LocalStack) serves CloudWatch Logs too, so it is used for Logs as well; an AWS endpoint (a Step
 * Functions VPC or FIPS endpoint) is not, and Logs goes to its regional endpoint.
 */
export function createLogsClient(region: string, options: AwsClientOptions = {}): CloudWatchLogsClient {
  const base = { region, profile: options.profile, retryMode: "adaptive", maxAttempts: 5 };
  if (!options.endpoint || isAwsHost(options.endpoint)) return new CloudWatchLogsClient(base);
  if (!isLoopback(options.endpoint)) return new CloudWatchLogsClient({ ...base, endpoint: options.endpoint });
  const chain = new CloudWatchLogsClient({ region, profile: options.profile }).config.credentials;
  return new CloudWatchLogsClient({ ...base, endpoint: options.endpoint, credentials: loopbackCredentials(chain) });
}

function isAwsHost(endpoint: string): boolean {
  try {
    return /(^|\.)amazonaws\.com(\.cn)?$/.test(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

export function expressCursorKey(stateMachineArn: string): string {
  return `aws:logs:${stateMachineArn}`;
}

/**
 * An Express state machine: find its log group from DescribeStateMachine's loggingConfiguration,
 * then read FilterLogEvents from the cursor (minus one Express lifetime, so executions that straddle
 * it are read whole) to now minus the delivery lag. A backfill is split into partitions read in
 * parallel (the Region's FilterLogEvents pacer keeps them under the quota); each partition streams
 * its pages, saving executions as they close while the next page is fetched, so memory holds the
 * executions in flight rather than the window. The cursor moves past each partition once it and
 * all before it are saved, so a killed backfill resumes where it stopped. A stored history is never
 * replaced by a shorter one read from a partial window.
 */
export async function ingestExpressStateMachine(ctx: AwsContext, stateMachineArn: string): Promise<void> {
  const machine = await ctx.api("DescribeStateMachine", stateMachineArn, () =>
    ctx.sfn.send(new DescribeStateMachineCommand({ stateMachineArn })),
  );
  const logging = machine.loggingConfiguration;
  const groupArn = logging?.destinations?.find((d) => d.cloudWatchLogsLogGroup?.logGroupArn)?.cloudWatchLogsLogGroup?.logGroupArn;
  if (!logging || logging.level === "OFF" || !groupArn) {
    ctx.summary.errors.push({
      target: stateMachineArn,
      code: "NoLogging",
      message:
        "Express state machine does not log to CloudWatch Logs (logging level OFF), so its executions cannot be imported; " +
        "set its logging level to ALL with includeExecutionData on for full histories",
    });
    return;
  }
  const key = expressCursorKey(stateMachineArn);
  const cursor = Number((await ctx.sink.getCursor(key)) ?? NaN);
  const windowEnd = ctx.now().getTime() - LOG_DELIVERY_LAG_MS;
  const from = Number.isFinite(cursor) && cursor > ctx.since.getTime() ? cursor : ctx.since.getTime();
  const windowStart = from - EXPRESS_MAX_DURATION_MS - LOG_DELIVERY_LAG_MS;
  ctx.progress({ phase: "list", target: stateMachineArn, done: ctx.summary.executions, total: null, summary: ctx.summary });
  const partitions = splitWindow(windowStart, windowEnd, ctx.concurrency);
  if (partitions.length === 0) return;

  const source: LogSource = {
    // partitions fetch in parallel but save one batch at a time: saves share one write lock, and
    // interleaved batches only wait on each other
    saveTurn: createLimiter(1),
    logGroupName: logGroupNameFromArn(groupArn),
    machineName: machine.name ?? "",
    options: {
      definition: machine.definition ?? null,
      level: logging.level ?? null,
      includeExecutionData: logging.includeExecutionData ?? null,
      revisionId: machine.revisionId ?? null,
    },
  };
  // The cursor covers the partitions saved without a gap from the first; moves are serialized.
  const saved = partitions.map(() => false);
  let covered = 0;
  let cursorWrite = Promise.resolve();
  await forEachLimited(partitions, ctx.concurrency, async (partition) => {
    await ingestPartition(ctx, source, partition);
    saved[partitions.indexOf(partition)] = true;
    const before = covered;
    while (covered < partitions.length && saved[covered]) covered++;
    if (covered === before) return;
    const end = partitions[covered - 1].end;
    cursorWrite = cursorWrite.then(() => ctx.sink.setCursor(key, String(Math.max(end, Number.isFinite(cursor) ? cursor : 0))));
    await cursorWrite;
  });
}

interface LogSource {
  saveTurn: Limiter;
  logGroupName: string;
  machineName: string;
  options: LogRecordsOptions;
}

type Page = FilterLogEventsCommandOutput;

/** Streams one partition's pages; the next page is on its way while this one's executions are saved. */
async function ingestPartition(ctx: AwsContext, source: LogSource, partition: LogPartition): Promise<void> {
  const grouper = new PartitionGrouper<Record<string, unknown> & LogRecordLike>(partition);
  const fetchPage = (nextToken: string | undefined): Promise<Page> =>
    ctx.api("FilterLogEvents", source.logGroupName, async () => {
      await ctx.logsPacer();
      return ctx.logs.send(
        new FilterLogEventsCommand({
          logGroupName: source.logGroupName,
          startTime: partition.readStart,
          endTime: partition.readEnd,
          nextToken,
        }),
      );
    });
  let next: Promise<Page> | null = fetchPage(undefined);
  while (next) {
    const page: Page = await next;
    next = page.nextToken ? fetchPage(page.nextToken) : null;
    next?.catch(() => {}); // awaited on the next turn; a failure while saving must not go unhandled
    let reached = -Infinity;
    for (const event of page.events ?? []) {
      const record = parseRecord(event.message);
      if (!record || !belongsTo(record, source.machineName)) continue;
      const timestamp = event.timestamp ?? Number(record.event_timestamp);
      reached = Math.max(reached, timestamp);
      grouper.add(record, timestamp);
    }
    if (reached > -Infinity) await saveGroups(ctx, source, grouper.settled(reached));
  }
  await saveGroups(ctx, source, grouper.drain());
}

async function saveGroups(ctx: AwsContext, source: LogSource, groups: unknown[][]): Promise<void> {
  if (groups.length === 0) return;
  await source.saveTurn(() => saveBatch(ctx, source, groups));
}

async function saveBatch(ctx: AwsContext, source: LogSource, groups: unknown[][]): Promise<void> {
  const executions = executionsFromLogRecords(groups.flat(), source.options);
  ctx.progress({
    phase: "list",
    target: source.logGroupName,
    done: ctx.summary.executions,
    total: ctx.summary.executions + executions.length,
    summary: ctx.summary,
  });
  // An execution stored with a longer history than this page holds of it stays as stored.
  const fresh: IngestedExecution[] = [];
  for (const execution of executions) {
    const stored = await ctx.sink.getExecutionState(execution.executionArn);
    if (stored && stored.eventCount > execution.events.length) {
      ctx.summary.executions++;
      ctx.summary.unchanged++;
      continue;
    }
    fresh.push({ ...execution, region: execution.region ?? ctx.region });
  }
  // Saved all at once, so the page's executions share transactions (ctx.sink batches concurrent
  // saves); every save has its handler from the start, so none can fail unheard.
  const settled = await Promise.allSettled(
    fresh.map(async (execution) => {
      countSave(ctx.summary, await ctx.sink.saveExecution(execution), execution.events.length);
      ctx.progress({ phase: "execution", target: execution.executionArn, done: ctx.summary.executions, total: null, summary: ctx.summary });
    }),
  );
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
}

/** `arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/X:*` -> `/aws/vendedlogs/states/X` */
export function logGroupNameFromArn(arn: string): string {
  const index = arn.indexOf(":log-group:");
  const name = index >= 0 ? arn.slice(index + ":log-group:".length) : arn;
  return name.replace(/:\*$/, "");
}

function parseRecord(message: string | undefined): (Record<string, unknown> & LogRecordLike) | null {
  if (!message) return null;
  try {
    const value: unknown = JSON.parse(message);
    return value && typeof value === "object" && "execution_arn" in value && typeof (value as LogRecordLike).execution_arn === "string"
      ? (value as Record<string, unknown> & LogRecordLike)
      : null;
  } catch {
    return null;
  }
}

/** A log group can be shared; keep the records of this state machine's executions. */
function belongsTo(record: Record<string, unknown>, stateMachineName: string): boolean {
  const parts = typeof record.execution_arn === "string" ? parseExecutionArn(record.execution_arn) : null;
  return !!parts && parts.stateMachineName === stateMachineName;
}
