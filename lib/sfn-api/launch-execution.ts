import { startExecution, type ExecutionResult, type HistoryEvent, type StartFrom, type TaskInvoker } from "../asl";
import { executionFromResult } from "../local/execution-from-result";
import { rejectMissingActivity, scheduleActivityTask } from "./activity-tasks";
import { historyToLogRecords } from "./history-to-log-records";
import { appendLogRecords } from "./log-store";
import type { ServiceContext } from "./service-context";
import { turns } from "./settle";
import type { LocalExecution, LocalStateMachine } from "./sfn-types";

export interface LaunchRequest {
  executionArn: string;
  name: string;
  inputText: string;
  input: unknown;
  /** RedriveExecution: go on from `startFrom` after the recorded `prior` events (see redrive-ops.ts). */
  redrive?: Redrive;
}

export interface Redrive {
  /** The execution's own start and start order (a redrive keeps them). */
  startDate: Date;
  seq: number;
  startFrom: StartFrom;
  /** The history so far, ending with the ExecutionRedriven event. */
  prior: readonly HistoryEvent[];
  redriveCount: number;
  redriveDate: Date;
}

/** A started execution plus a promise that settles once it waits for a task token callback. */
export interface Launched {
  execution: LocalExecution;
  waitingForCallback: Promise<void>;
}

/**
 * Starts an execution on the engine (virtual clock, live handle for task tokens). Task tokens
 * handed to the invoker are remembered for SendTask*; when the execution closes its fields are
 * filled in, Express executions with logging on write their CloudWatch Logs records, and
 * `onExecutionFinished` receives it in the shape ingestion stores.
 */
export function launchExecution(ctx: ServiceContext, machine: LocalStateMachine, request: LaunchRequest): Launched {
  const redrive = request.redrive;
  const startDate = redrive?.startDate ?? ctx.now();
  // a redriven execution's history: the recorded one, then what the engine adds
  const withPrior = (events: readonly HistoryEvent[]) => (redrive ? [...redrive.prior, ...events] : events);
  let callbackWaiters: (() => void)[] = [];
  const nextCallbackWait = () => new Promise<void>((resolve) => callbackWaiters.push(resolve));
  const waitingForCallback = nextCallbackWait();
  const signalWaiting = () => {
    const waiting = callbackWaiters;
    callbackWaiters = [];
    for (const resolve of waiting) resolve();
  };
  // activity tasks no worker took yet, by token: withdrawn when the engine gives up on them
  const untaken = new Map<string, () => void>();
  const invoker: TaskInvoker = {
    reject: (task) => rejectMissingActivity(ctx, task) ?? ctx.invoker.reject?.(task),
    invoke(task) {
      if (task.taskToken !== undefined) {
        ctx.store.taskTokens.set(task.taskToken, request.executionArn);
        if (task.pattern === "wait-for-task-token" || task.kind === "activity") {
          signalWaiting();
          reportWaiting();
        }
      }
      if (task.kind === "activity" && task.taskToken !== undefined) {
        const token = task.taskToken;
        const scheduled = scheduleActivityTask(ctx, task, request.executionArn, () => {
          untaken.delete(token);
          // the dashboard shows the worker that took it
          reportWaiting();
        });
        untaken.set(token, scheduled.abandon);
        return scheduled.taken;
      }
      return ctx.invoker.invoke(task);
    },
    abandon(task) {
      const withdraw = task.taskToken === undefined ? undefined : untaken.get(task.taskToken);
      if (withdraw) {
        untaken.delete(task.taskToken!);
        withdraw();
      } else ctx.invoker.abandon?.(task);
    },
  };
  // the history so far, once the engine has recorded the task's scheduling (a few turns on)
  const reportWaiting = () => {
    if (!ctx.onExecutionWaiting) return;
    void turns(3).then(() => {
      if (execution.status !== "RUNNING" || !execution.handle) return;
      const events = withPrior(execution.handle.events());
      const snapshot = executionFromResult(
        { status: "RUNNING", events, startDate, stopDate: startDate },
        identity(machine, request, request.input),
      );
      report(ctx, execution, () =>
        ctx.onExecutionWaiting!({
          ...snapshot,
          region: ctx.region,
          accountId: ctx.accountId,
          revisionId: machine.revisionId,
          redriveCount: redrive?.redriveCount ?? 0,
        }),
      );
    });
  };
  const handle = startExecution({
    definition: machine.definition,
    input: request.input,
    context: {
      executionArn: request.executionArn,
      executionName: request.name,
      stateMachineArn: machine.stateMachineArn,
      stateMachineName: machine.name,
      roleArn: machine.roleArn,
      startTime: startDate,
      ...(redrive ? { redriveCount: redrive.redriveCount } : {}),
    },
    taskInvoker: invoker,
    evaluationGuard: ctx.evaluationGuard?.(),
    // a redriven execution's TimeoutSeconds counts from the redrive
    ...(redrive ? { startFrom: redrive.startFrom, timeoutFrom: redrive.redriveDate } : {}),
    wallClock: ctx.wallClock,
    waitClock: ctx.waitClock,
  });
  const execution: LocalExecution = {
    executionArn: request.executionArn,
    name: request.name,
    stateMachine: machine,
    input: request.inputText,
    status: "RUNNING",
    startDate,
    seq: redrive?.seq ?? ctx.store.nextSeq++,
    handle,
    events: () => withPrior(handle.events()),
    done: Promise.resolve(),
    nextCallbackWait,
    reported: Promise.resolve(),
  };
  execution.done = handle.result.then(
    (result) => finish(ctx, execution, redrive ? { ...result, startDate, events: [...withPrior(result.events)] } : result, request.input),
    (error: unknown) => {
      execution.status = "FAILED";
      execution.error = "States.Runtime";
      execution.cause = `statelens local engine error: ${error instanceof Error ? error.message : String(error)}`;
      execution.stopDate = execution.startDate;
      execution.handle = undefined;
    },
  );
  ctx.inFlight.add(execution.done);
  void execution.done.then(() => ctx.inFlight.delete(execution.done));
  return { execution, waitingForCallback };
}

async function finish(ctx: ServiceContext, execution: LocalExecution, result: ExecutionResult, input: unknown): Promise<void> {
  execution.status = result.status;
  execution.stopDate = result.stopDate;
  if (result.status === "SUCCEEDED") execution.output = JSON.stringify(result.output ?? null);
  execution.error = result.error;
  execution.cause = result.cause;
  execution.handle = undefined;
  const events = result.events;
  execution.events = () => events;
  const machine = execution.stateMachine;
  const logging = machine.loggingConfiguration;
  const group = logging.destinations[0]?.cloudWatchLogsLogGroup.logGroupArn;
  if (machine.type === "EXPRESS" && logging.level !== "OFF" && group) {
    const records = historyToLogRecords(events, {
      executionArn: execution.executionArn,
      level: logging.level,
      includeExecutionData: logging.includeExecutionData,
    });
    appendLogRecords(ctx.store, group, execution, records);
  }
  trimClosed(ctx);
  if (!ctx.onExecutionFinished) return;
  const stored = executionFromResult(result, identity(machine, execution, input));
  await report(ctx, execution, () =>
    ctx.onExecutionFinished!({
      ...stored,
      region: ctx.region,
      accountId: ctx.accountId,
      revisionId: machine.revisionId,
      redriveCount: execution.redriveCount ?? 0,
    }),
  );
}

function identity(machine: LocalStateMachine, execution: { executionArn: string; name: string }, input: unknown) {
  return {
    executionArn: execution.executionArn,
    name: execution.name,
    stateMachineArn: machine.stateMachineArn,
    stateMachineName: machine.name,
    definition: machine.definition,
    input,
    source: "local" as const,
    type: machine.type,
  };
}

/** Runs one report of an execution after the previous one (a stale RUNNING snapshot never lands after the close). */
function report(ctx: ServiceContext, execution: LocalExecution, call: () => void | Promise<void>): Promise<void> {
  execution.reported = execution.reported.then(call).catch((error: unknown) => ctx.onError(error));
  return execution.reported;
}

/** Drops the oldest closed executions (and their task tokens) beyond `maxExecutions`. */
function trimClosed(ctx: ServiceContext): void {
  const executions = ctx.store.executions;
  if (executions.size <= ctx.maxExecutions) return;
  const dropped = new Set<string>();
  for (const [arn, execution] of executions) {
    if (executions.size <= ctx.maxExecutions) break;
    if (execution.status === "RUNNING") continue;
    executions.delete(arn);
    dropped.add(arn);
  }
  for (const [token, arn] of ctx.store.taskTokens) if (dropped.has(arn)) ctx.store.taskTokens.delete(token);
}
