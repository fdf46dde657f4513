import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeStateMachineCommand } from "@aws-sdk/client-sfn";
import type { AwsContext } from "../aws/aws-context";
import { parseExecutionArn } from "../arn";
import { countSave } from "../types";
import { isLoopback, loopbackCredentials, type AwsClientOptions } from "./aws-sfn";
import { executionsFromLogRecords } from "./log-records";

/** Express executions last at most five minutes; each fetch reaches back this far past the cursor. */
export const EXPRESS_MAX_DURATION_MS = 5 * 60_000;
/** Log events younger than this may still be on their way into CloudWatch Logs. */
export const LOG_DELIVERY_LAG_MS = 60_000;

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
 * FilterLogEvents from the cursor (minus one Express lifetime, so executions that straddle it are
 * read whole) to now minus the delivery lag, convert like a log file, save, then move the cursor.
 * A stored history is never replaced by a shorter one read from a partial window.
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
  const logGroupName = logGroupNameFromArn(groupArn);
  const key = expressCursorKey(stateMachineArn);
  const cursor = Number((await ctx.sink.getCursor(key)) ?? NaN);
  const windowEnd = ctx.now().getTime() - LOG_DELIVERY_LAG_MS;
  const from = Number.isFinite(cursor) && cursor > ctx.since.getTime() ? cursor : ctx.since.getTime();
  const startTime = from - EXPRESS_MAX_DURATION_MS - LOG_DELIVERY_LAG_MS;
  ctx.progress({ phase: "list", target: stateMachineArn, done: ctx.summary.executions, total: null, summary: ctx.summary });
  if (windowEnd <= startTime) return;

  const records: unknown[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.api("FilterLogEvents", logGroupName, () =>
      ctx.logs.send(new FilterLogEventsCommand({ logGroupName, startTime, endTime: windowEnd, nextToken })),
    );
    for (const event of page.events ?? []) {
      const record = parseRecord(event.message);
      if (record && belongsTo(record, machine.name ?? "")) records.push(record);
    }
    nextToken = page.nextToken;
  } while (nextToken);

  const executions = executionsFromLogRecords(records, {
    definition: machine.definition ?? null,
    level: logging.level ?? null,
    includeExecutionData: logging.includeExecutionData ?? null,
    revisionId: machine.revisionId ?? null,
  });
  ctx.progress({
    phase: "list",
    target: stateMachineArn,
    done: ctx.summary.executions,
    total: ctx.summary.executions + executions.length,
    summary: ctx.summary,
  });
  for (const execution of executions) {
    const stored = await ctx.sink.getExecutionState(execution.executionArn);
    if (stored && stored.eventCount > execution.events.length) {
      ctx.summary.executions++;
      ctx.summary.unchanged++;
      continue;
    }
    countSave(ctx.summary, await ctx.sink.saveExecution({ ...execution, region: execution.region ?? ctx.region }), execution.events.length);
    ctx.progress({ phase: "execution", target: execution.executionArn, done: ctx.summary.executions, total: null, summary: ctx.summary });
  }
  await ctx.sink.setCursor(key, String(Math.max(windowEnd, Number.isFinite(cursor) ? cursor : 0)));
}

/** `arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/X:*` -> `/aws/vendedlogs/states/X` */
export function logGroupNameFromArn(arn: string): string {
  const index = arn.indexOf(":log-group:");
  const name = index >= 0 ? arn.slice(index + ":log-group:".length) : arn;
  return name.replace(/:\*$/, "");
}

function parseRecord(message: string | undefined): Record<string, unknown> | null {
  if (!message) return null;
  try {
    const value: unknown = JSON.parse(message);
    return value && typeof value === "object" && "execution_arn" in value ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A log group can be shared; keep the records of this state machine's executions. */
function belongsTo(record: Record<string, unknown>, stateMachineName: string): boolean {
  const parts = typeof record.execution_arn === "string" ? parseExecutionArn(record.execution_arn) : null;
  return !!parts && parts.stateMachineName === stateMachineName;
}
