import {
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  paginateGetExecutionHistory,
  type ExecutionListItem,
  type ListExecutionsCommandInput,
  type MapRunListItem,
} from "@aws-sdk/client-sfn";
import type { HistoryEvent } from "../../asl/history/types";
import { parseExecutionArn } from "../arn";
import { normalizeEvents } from "../normalize-events";
import { summarizeHistory } from "../summarize-history";
import { countSave, type IngestedExecution } from "../types";
import { classifyFailure, forEachLimited, isStateMachineFatal, recordError, type AwsContext } from "./aws-context";
import type { RanDefinition } from "./definition-cache";

/** Per-state-machine bookkeeping shared by all its executions in one run. */
export interface RunState {
  /** Executions saved as RUNNING: refreshed on the next run until they close. */
  running: Set<string>;
  /** Executions handled in this run (not fetched twice). */
  handled: Set<string>;
  /** An execution failed for a reason that may pass; the watermark must not move past it. */
  failed: boolean;
}

interface Relation {
  parentExecutionArn: string;
  mapRunArn: string;
}

/** ListExecutions newest first, stopping at the first execution started before `stopBefore`. */
export async function listExecutions(
  ctx: AwsContext,
  input: ListExecutionsCommandInput,
  stopBefore: Date | null,
  max = Infinity,
): Promise<ExecutionListItem[]> {
  const out: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  const resource = input.mapRunArn ?? input.stateMachineArn ?? "";
  do {
    const page = await ctx.api("ListExecutions", resource, () =>
      ctx.sfn.send(new ListExecutionsCommand({ ...input, maxResults: 1000, nextToken })),
    );
    for (const item of page.executions ?? []) {
      if (stopBefore && item.startDate && item.startDate < stopBefore) return out;
      out.push(item);
      if (out.length >= max) return out;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/**
 * One listed execution: skipped when the store already has it closed with the same status and
 * redrive count, otherwise fetched (Describe + history + definition + Map Run children) and saved.
 * Errors are recorded and swallowed unless they end the state machine or region.
 */
export async function ingestListedExecution(ctx: AwsContext, item: ExecutionListItem, state: RunState, relation?: Relation): Promise<void> {
  const arn = item.executionArn!;
  if (state.handled.has(arn)) return;
  state.handled.add(arn);
  try {
    const stored = await ctx.sink.getExecutionState(arn);
    const redriveCount = item.redriveCount ?? 0;
    if (stored && item.status !== "RUNNING" && stored.status === item.status && stored.redriveCount === redriveCount) {
      state.running.delete(arn);
      ctx.summary.executions++;
      ctx.summary.unchanged++;
      return;
    }
    await fetchAndSave(ctx, arn, state, relation);
  } catch (error) {
    handleExecutionError(ctx, arn, error, state);
  }
}

/** A RUNNING execution from an earlier run, looked up by ARN. */
export async function refreshExecution(ctx: AwsContext, arn: string, state: RunState): Promise<void> {
  if (state.handled.has(arn)) return;
  state.handled.add(arn);
  try {
    await fetchAndSave(ctx, arn, state);
  } catch (error) {
    handleExecutionError(ctx, arn, error, state);
  }
}

function handleExecutionError(ctx: AwsContext, arn: string, error: unknown, state: RunState): void {
  if (isStateMachineFatal(error)) throw error;
  recordError(ctx, arn, error);
  if (classifyFailure(error).kind === "execution-missing") state.running.delete(arn);
  else state.failed = true;
}

async function fetchAndSave(ctx: AwsContext, arn: string, state: RunState, relation?: Relation): Promise<void> {
  const described = await ctx.api("DescribeExecution", arn, () => ctx.sfn.send(new DescribeExecutionCommand({ executionArn: arn })));
  const express = arn.includes(":express:");
  const events = express ? [] : await fetchHistory(ctx, arn);
  const mapRunArn = relation?.mapRunArn ?? described.mapRunArn ?? null;
  const ran = await ctx.definitions
    .get({
      executionArn: arn,
      stateMachineArn: described.stateMachineArn!,
      startDate: described.startDate!,
      stateMachineVersionArn: described.stateMachineVersionArn,
      mapRunArn,
    })
    .catch((error: unknown) => {
      if (!express) throw error;
      return null;
    });
  const summary = summarizeHistory(events);
  // Children first: the parent is saved last, so a run killed in between fetches them all again.
  if (summary.mapRunArns.length > 0) await ingestMapRuns(ctx, arn, state);
  const closedInHistory = summary.closed && described.status === "RUNNING";
  const parts = parseExecutionArn(arn);
  const execution: IngestedExecution = {
    executionArn: arn,
    name: described.name ?? parts?.name ?? arn,
    stateMachineArn: described.stateMachineArn!,
    stateMachineName: described.stateMachineArn!.split(":")[6] ?? parts?.stateMachineName ?? "",
    type: express ? "EXPRESS" : "STANDARD",
    status: closedInHistory ? summary.status : described.status!,
    startDate: described.startDate!,
    stopDate: closedInHistory ? summary.stopDate : (described.stopDate ?? null),
    input: described.input ?? summary.input,
    output: described.output ?? summary.output,
    error: described.error ?? summary.error,
    cause: described.cause ?? summary.cause,
    redriveCount: described.redriveCount ?? summary.redriveCount,
    source: "aws",
    definition: ran?.definition ?? null,
    stateMachineVersionArn: described.stateMachineVersionArn ?? null,
    revisionId: ran?.revisionId ?? null,
    region: ctx.region,
    accountId: parts?.accountId ?? null,
    parentExecutionArn: relation?.parentExecutionArn ?? null,
    mapRunArn,
    incomplete: express
      ? "Express child workflow of a Distributed Map: Step Functions keeps no history for it (see its CloudWatch Logs)"
      : null,
    events,
  };
  countSave(ctx.summary, await ctx.sink.saveExecution(execution), events.length);
  if (execution.status === "RUNNING") state.running.add(arn);
  else state.running.delete(arn);
  ctx.progress({ phase: "execution", target: arn, done: ctx.summary.executions, total: null, summary: ctx.summary });
}

/** GetExecutionHistory through the SDK paginator (1000 a page); a throttled page resumes from its token. */
async function fetchHistory(ctx: AwsContext, executionArn: string): Promise<HistoryEvent[]> {
  const raw: unknown[] = [];
  let token: string | undefined;
  await ctx.api("GetExecutionHistory", executionArn, async () => {
    const pages = paginateGetExecutionHistory({ client: ctx.sfn, pageSize: 1000, startingToken: token }, { executionArn });
    for await (const page of pages) {
      raw.push(...(page.events ?? []));
      token = page.nextToken;
    }
  });
  return normalizeEvents(raw, `history of ${executionArn}`);
}

/** Map Runs of a parent (ListMapRuns) and their child executions (ListExecutions by mapRunArn). */
async function ingestMapRuns(ctx: AwsContext, parentArn: string, state: RunState): Promise<void> {
  const runs: MapRunListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.api("ListMapRuns", parentArn, () =>
      ctx.sfn.send(new ListMapRunsCommand({ executionArn: parentArn, maxResults: 1000, nextToken })),
    );
    runs.push(...(page.mapRuns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  for (const run of runs) {
    const mapRunArn = run.mapRunArn!;
    const children = await listExecutions(ctx, { mapRunArn }, null, ctx.maxMapRunChildren);
    if (children.length >= ctx.maxMapRunChildren) {
      ctx.summary.errors.push({
        target: mapRunArn,
        code: "MapRunChildLimit",
        message: `Map Run has more than ${ctx.maxMapRunChildren} child executions; imported the newest ${ctx.maxMapRunChildren} (raise maxMapRunChildren for more)`,
      });
    }
    await forEachLimited(children, ctx.concurrency, (child) =>
      ingestListedExecution(ctx, child, state, { parentExecutionArn: parentArn, mapRunArn }),
    );
  }
}

/** DescribeStateMachineForExecution, the definition an execution actually ran. */
export function fetchRanDefinition(ctx: Pick<AwsContext, "api" | "sfn">) {
  return async (executionArn: string): Promise<RanDefinition> => {
    const out = await ctx.api("DescribeStateMachineForExecution", executionArn, () =>
      ctx.sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn })),
    );
    return { definition: out.definition ?? "", revisionId: out.revisionId ?? null, updateDate: out.updateDate ?? new Date(0) };
  };
}
