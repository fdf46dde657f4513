import { startExecution, type ExecutionResult, type HistoryEvent, type StartFrom, type TaskInvoker, type TaskOutcome } from "../asl";
import type { TokenOutcome } from "../asl/evaluate/token-registry";
import { executionFromResult } from "../local/execution-from-result";
import { recordedTaskInvoker } from "../replay/recorded-task-invoker";
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
  /** An execution the engine was running when it stopped: re-run it to where it was, then go on. */
  resume?: Resume;
}

/**
 * How an interrupted execution goes on after a restart: the engine runs it again from its start
 * (or, redriven, from its redrive), every task call the history records answered from the
 * history at its recorded instant, until the re-run has recorded as many events as `recorded`;
 * from there it runs live, its clock caught up with the time that passed. Task tokens are the
 * same in the re-run (derived from the execution ARN and the call's order), so a token handed out
 * before the restart is accepted after it.
 */
export interface Resume {
  startDate: Date;
  seq: number;
  /** The engine's events so far (after `redrive.prior` when redriven). */
  recorded: readonly HistoryEvent[];
  /** The execution's clock (virtual ms) to go on from once caught up. */
  clockAt(): number;
  /** Callback answers accepted before the restart, by token: the re-run's call with that token gets them at once. */
  answers: ReadonlyMap<string, TokenOutcome>;
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
  const resume = request.resume;
  const startDate = redrive?.startDate ?? resume?.startDate ?? ctx.now();
  // a resumed run's history: the recorded events until the re-run has gone past them
  const caughtUp = (events: readonly HistoryEvent[]) =>
    resume && events.length <= resume.recorded.length
      ? resume.recorded
      : resume
        ? [...resume.recorded, ...events.slice(resume.recorded.length)]
        : events;
  // a redriven execution's history: the recorded one, then what the engine adds
  const withPrior = (events: readonly HistoryEvent[]) => (redrive ? [...redrive.prior, ...caughtUp(events)] : caughtUp(events));
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
  const live: TaskInvoker = {
    reject: (task) => rejectMissingActivity(ctx, task) ?? ctx.invoker.reject?.(task),
    invoke(task) {
      if (resume) {
        const diverged = divergence(resume.recorded, handle.events());
        if (diverged) {
          handle.stop("States.Runtime", diverged);
          return new Promise<TaskOutcome>(() => {});
        }
        const answer = task.taskToken === undefined ? undefined : resume.answers.get(task.taskToken);
        if (answer) return "output" in answer ? { output: answer.output } : { error: answer.error ?? "", cause: answer.cause };
        const worker = task.kind === "activity" ? takenBy(resume.recorded, task.scheduledEventId) : undefined;
        if (worker) {
          // a worker took it before the restart and holds its token
          ctx.store.taskTokens.set(task.taskToken!, request.executionArn);
          return (worker.name === undefined ? { pending: true } : { pending: true, workerName: worker.name }) as TaskOutcome;
        }
      }
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
    if (!ctx.onExecutionWaiting && !ctx.durable) return;
    void turns(3).then(() => {
      if (execution.status !== "RUNNING" || !execution.handle) return;
      // what it waits on is stored before anyone can answer it
      ctx.durable?.changed(execution.executionArn);
      if (!ctx.onExecutionWaiting) return;
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
  const invoker: TaskInvoker = resume
    ? recordedTaskInvoker(redrive ? [...redrive.prior, ...resume.recorded] : resume.recorded, {
        definition: machine.definition,
        fromEventId: redrive ? redrive.startFrom.resume?.eventId : undefined,
        match: "position",
        missing: live,
        recordedTimes: true,
        unfinishedGoOn: true,
      })
    : live;
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
    ...(resume ? { catchUp: { events: resume.recorded.length, clockAt: resume.clockAt } } : {}),
  });
  if ("follow" in invoker) (invoker as ReturnType<typeof recordedTaskInvoker>).follow(handle);
  const execution: LocalExecution = {
    executionArn: request.executionArn,
    name: request.name,
    stateMachine: machine,
    input: request.inputText,
    status: "RUNNING",
    startDate,
    seq: redrive?.seq ?? resume?.seq ?? ctx.store.nextSeq++,
    handle,
    events: () => withPrior(handle.events()),
    done: Promise.resolve(),
    nextCallbackWait,
    reported: Promise.resolve(),
  };
  execution.done = handle.result.then(
    (result) => {
      const own = resume ? resumedResult(resume, result) : result;
      const events = redrive ? [...redrive.prior, ...own.events] : own.events;
      return finish(ctx, execution, redrive || resume ? { ...own, startDate, events } : result, request.input);
    },
    (error: unknown) => {
      execution.status = "FAILED";
      execution.error = "States.Runtime";
      execution.cause = `statelens local engine error: ${error instanceof Error ? error.message : String(error)}`;
      execution.stopDate = execution.startDate;
      execution.handle = undefined;
      ctx.durable?.changed(execution.executionArn);
    },
  );
  ctx.durable?.changed(execution.executionArn);
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
  ctx.durable?.changed(execution.executionArn);
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
    ctx.durable?.changed(arn);
  }
  for (const [token, arn] of ctx.store.taskTokens) if (dropped.has(arn)) ctx.store.taskTokens.delete(token);
}

/**
 * Where a resumed re-run left its recording (the engine took another path: a definition or an
 * engine that changed since), as the cause to fail it with; undefined while it follows it.
 */
function divergence(recorded: readonly HistoryEvent[], rerun: readonly HistoryEvent[]): string | undefined {
  const n = Math.min(recorded.length, rerun.length);
  for (let i = 0; i < n; i++) {
    if (recorded[i].type !== rerun[i].type)
      return `statelens could not resume this execution after a restart: its re-run recorded ${rerun[i].type} as event ${rerun[i].id} where the history has ${recorded[i].type}`;
  }
  return undefined;
}

/** The worker that took an activity task (its ActivityStarted, linked to the ActivityScheduled event) before a restart. */
function takenBy(recorded: readonly HistoryEvent[], scheduledEventId: number | undefined): { name: string | undefined } | undefined {
  if (scheduledEventId === undefined) return undefined;
  const started = recorded.find((e) => e.type === "ActivityStarted" && e.previousEventId === scheduledEventId);
  if (!started) return undefined;
  const name = (started as { activityStartedEventDetails?: { workerName?: string } }).activityStartedEventDetails?.workerName;
  return { name };
}

/**
 * A resumed execution's result with its history: the recorded events, then the re-run's from
 * there. A re-run that took another path, or closed within the recorded events, did not resume
 * the execution: it fails with States.Runtime saying why.
 */
function resumedResult(resume: Resume, result: ExecutionResult): ExecutionResult {
  const recorded = resume.recorded;
  const cause =
    divergence(recorded, result.events) ??
    (result.events.length <= recorded.length
      ? `statelens could not resume this execution after a restart: its re-run closed (${result.status}) within the recorded history`
      : undefined);
  if (!cause) return { ...result, events: [...recorded, ...result.events.slice(recorded.length)] };
  const failed = executionFailedAfter(recorded, resume.clockAt(), cause);
  const stopDate = failed.timestamp;
  return { status: "FAILED", error: "States.Runtime", cause, events: [...recorded, failed], startDate: result.startDate, stopDate };
}

/** The ExecutionFailed (States.Runtime) closing `events` at `at` (or its last event's time, if later). */
export function executionFailedAfter(events: readonly HistoryEvent[], at: number, cause: string): HistoryEvent {
  const last = events[events.length - 1];
  return {
    timestamp: new Date(Math.max(at, last ? last.timestamp.getTime() : 0)),
    type: "ExecutionFailed",
    id: (last?.id ?? 0) + 1,
    previousEventId: last?.id ?? 0,
    executionFailedEventDetails: { error: "States.Runtime", cause },
  };
}
