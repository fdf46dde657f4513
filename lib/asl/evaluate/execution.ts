import { StatesError } from "../errors";
import { EventContext, EventManager } from "../history/event-manager";
import type { HistoryEvent } from "../history/types";
import {
  seededRandom,
  uuidFrom,
  type EvaluationGuard,
  type ItemReaderPort,
  type RandomPort,
  type TaskInvoker,
  type WallClock,
} from "../ports";
import type { ParsedDefinition } from "../parse/parse-definition";
import { AbortScope } from "./abort-scope";
import { Environment } from "./environment";
// Side effect: keeps the engine's hidden classes across executions (see keep-shapes.ts).
import "./keep-shapes";
import { NOT_TRUNCATED, toJson } from "./payload";
import type { ExecutionInfo, ExecutionRuntime } from "./runtime";
import { resumeClockStart, type ResumePoint } from "./resume";
import { Scheduler, type WaitClock } from "./scheduler";
import { failureDetails } from "./state-failure";
import { ExecutionTermination } from "./termination";
import { TokenRegistry } from "./token-registry";

export interface ExecutionContextOptions {
  executionArn?: string;
  executionName?: string;
  stateMachineArn?: string;
  stateMachineName?: string;
  roleArn?: string;
  startTime?: Date;
  /**
   * `$$.Execution.RedriveCount` (default 0). `null` leaves it out of the context object, as AWS
   * did before it introduced redrive (November 2023); replays of older recordings need that.
   */
  redriveCount?: number | null;
}

export interface ExecutionSettings {
  input: unknown;
  /**
   * The input as the caller wrote it (optional). AWS keeps payload text as given while states
   * pass it through unchanged; with this, ExecutionStarted and those states show it verbatim.
   */
  inputText?: string;
  context?: ExecutionContextOptions;
  taskInvoker?: TaskInvoker;
  random?: RandomPort;
  itemReader?: ItemReaderPort;
  /** Bounds every JSONata evaluation (time, memory); unbounded when absent. */
  evaluationGuard?: EvaluationGuard;
  /** Start at another top-level state than StartAt (a checkpoint, a redrive, TestState). */
  startFrom?: StartFrom;
  /** When TimeoutSeconds starts counting (default: the execution's start); a redrive starts it again. */
  timeoutFrom?: Date;
  maxEvents?: number;
  /**
   * Real time for waits on the outside world (absent: everything on the virtual clock, as replay
   * and conformance need). With it, a task waiting for a task token or an activity worker, and
   * its TimeoutSeconds/HeartbeatSeconds, take real time and the history's timestamps show it;
   * `waitClock` says whether Wait states and retry backoff nobody outside waits on are
   * fast-forwarded ("fast", the default) or waited for in real time ("real").
   */
  wallClock?: WallClock;
  waitClock?: WaitClock;
  /**
   * A re-run of an interrupted execution (its recorded task outcomes answering its calls, e.g.
   * after the local engine restarted): once it has recorded `events` events again, its clock jumps
   * forward to `clockAt()` (never back), so what happens from there on, and the deadlines of the
   * tasks it then waits on, count the time that really passed meanwhile.
   */
  catchUp?: { events: number; clockAt(): number };
}

export interface StartFrom {
  stateName: string;
  /** The state's input. */
  input: unknown;
  /** The variables in scope at the top level. */
  variables?: Record<string, unknown>;
  /**
   * Continue a recorded history instead of starting a new one (replay from a checkpoint): no
   * ExecutionStarted, new events numbered from `resume.eventId` and linked into the recorded
   * ones, the state (and any Map iteration or Parallel branch inside it) standing as `resume`
   * describes. `context.startTime` stays the execution's start; the clock starts where the
   * resume needs it.
   */
  resume?: ResumePoint;
}

export interface ExecutionResult {
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";
  output?: unknown;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
  startDate: Date;
  stopDate: Date;
}

export interface ExecutionHandle {
  executionArn: string;
  result: Promise<ExecutionResult>;
  events(): readonly HistoryEvent[];
  sendTaskSuccess(token: string, output: unknown): void;
  sendTaskFailure(token: string, error?: string, cause?: string): void;
  sendTaskHeartbeat(token: string): void;
  stop(error?: string, cause?: string): void;
  /** The execution's clock now (ms; virtual time, which runs with the wall clock while it waits on one). */
  now(): number;
}

/**
 * One execution: builds the runtime (virtual clock, ports, token registry), emits
 * ExecutionStarted, runs the program under the scheduler and ends with the terminal event.
 * `live` is true for startExecution (callbacks may arrive through the handle).
 */
export function launchExecution(parsed: ParsedDefinition, settings: ExecutionSettings, live: boolean): ExecutionHandle {
  const ctx = settings.context ?? {};
  const wall = settings.wallClock;
  const startMs = ctx.startTime ? ctx.startTime.getTime() : (wall?.now() ?? Date.now());
  const resume = settings.startFrom?.resume;
  const catchUp = settings.catchUp;
  // a re-run catching up replays what was recorded without waiting for it
  const scheduler = new Scheduler(resume ? resumeClockStart(resume.state) : startMs, wall, catchUp ? "fast" : settings.waitClock);
  const names = executionNames(ctx);
  // tokens differ per run of an execution: a redrive never accepts a token of the run it redrives
  const tokenRandom = seededRandom(hash(ctx.redriveCount ? `${names.executionArn}#${ctx.redriveCount}` : names.executionArn));
  let serial = 0;
  const rootScope = new AbortScope();
  const tokens = new TokenRegistry(() => scheduler.signal());
  const runtime: ExecutionRuntime = {
    scheduler,
    random: settings.random ?? seededRandom(),
    invoker: settings.taskInvoker,
    itemReader: settings.itemReader,
    guard: settings.evaluationGuard,
    tokens,
    execution: executionInfo(settings, ctx, names, startMs),
    stateMachine: { Id: names.stateMachineArn, Name: names.stateMachineName },
    partition: names.partition,
    region: names.region,
    account: names.account,
    termination: undefined,
    terminate(termination) {
      if (runtime.termination) return;
      runtime.termination = termination;
      rootScope.abort();
      scheduler.signal();
    },
    nowDate: () => new Date(scheduler.now()),
    nextSerial: () => ++serial,
    newTaskToken: () => `AQB${(++serial).toString(36)}${uuidFrom(tokenRandom.random).replace(/-/g, "")}`,
  };
  const caughtUp = (count: number) => {
    if (!catchUp || count !== catchUp.events) return;
    scheduler.advanceTo(catchUp.clockAt());
    scheduler.setWaits(settings.waitClock ?? "fast");
  };
  const events = new EventManager(scheduler, settings.maxEvents ?? 25_000, true, resume?.eventId, catchUp ? caughtUp : undefined);
  const main = run(parsed, settings, runtime, events, rootScope, startMs);
  const done = scheduler
    .run(main, {
      // on a wall clock, a token's timeout and heartbeat fire at their real deadline instead
      holdOutside: () => !wall && live && tokens.size > 0,
      waitingOutside: () => live && tokens.size > 0,
      onStuck: () =>
        runtime.terminate(
          new ExecutionTermination(
            "FAILED",
            "States.Runtime",
            "The execution is waiting for something that can never happen (no timer, task or callback is pending).",
          ),
        ),
    })
    .then(() => main);
  return {
    executionArn: names.executionArn,
    result: done,
    events: () => events.events,
    sendTaskSuccess: (token, output) => tokens.complete(token, { output }),
    sendTaskFailure: (token, error, cause) => tokens.complete(token, { error, cause }),
    sendTaskHeartbeat: (token) => tokens.heartbeat(token),
    stop: (error, cause) => runtime.terminate(new ExecutionTermination("ABORTED", error, cause)),
    now: () => scheduler.now(),
  };
}

async function run(
  parsed: ParsedDefinition,
  settings: ExecutionSettings,
  runtime: ExecutionRuntime,
  events: EventManager,
  rootScope: AbortScope,
  startMs: number,
): Promise<ExecutionResult> {
  const ctx = new EventContext();
  const variables = Object.assign(Object.create(null) as Record<string, unknown>, settings.startFrom?.variables);
  const env = new Environment(runtime, events, ctx, variables, rootScope, 0);
  const finish = (result: Omit<ExecutionResult, "events" | "startDate" | "stopDate">): ExecutionResult => ({
    ...result,
    events: events.events,
    startDate: new Date(startMs),
    stopDate: new Date(runtime.scheduler.now()),
  });
  const resume = settings.startFrom?.resume;
  // A resumed execution's clock starts later than the execution: its timeout counts from the start.
  const elapsed = runtime.scheduler.now() - (settings.timeoutFrom?.getTime() ?? startMs);
  const timeout = parsed.timeoutSeconds !== undefined ? runtime.scheduler.timer(parsed.timeoutSeconds * 1000 - elapsed) : undefined;
  timeout?.promise.then(() => runtime.terminate(new ExecutionTermination("TIMED_OUT", "States.Timeout")));
  const inputJson = settings.inputText ?? toJson(settings.input);
  // The first state's entered event shows the same text (verbatim when the caller gave it).
  if (!settings.startFrom) env.rememberJson(settings.input, inputJson);
  try {
    if (!resume) {
      events.add(
        ctx,
        "ExecutionStarted",
        "executionStartedEventDetails",
        {
          input: inputJson,
          inputDetails: NOT_TRUNCATED,
          roleArn: runtime.execution.RoleArn,
        },
        false,
      );
    }
    const start = settings.startFrom;
    const output = await parsed.program.run(env, start ? start.input : settings.input, start?.stateName, resume?.state);
    env.checkAlive();
    events.add(ctx, "ExecutionSucceeded", "executionSucceededEventDetails", { output: toJson(output), outputDetails: NOT_TRUNCATED });
    return finish({ status: "SUCCEEDED", output });
  } catch (thrown) {
    const termination = runtime.termination ?? (thrown instanceof ExecutionTermination ? thrown : undefined);
    if (termination) return finish(terminate(termination, events, ctx));
    const error =
      thrown instanceof StatesError
        ? thrown
        : new StatesError("States.Runtime", `Internal engine error: ${(thrown as Error)?.message ?? String(thrown)}`);
    const details = failureDetails(error);
    events.add(ctx, "ExecutionFailed", "executionFailedEventDetails", details);
    return finish({ status: "FAILED", error: details.error, cause: details.cause });
  } finally {
    timeout?.cancel();
  }
}

function terminate(
  termination: ExecutionTermination,
  events: EventManager,
  ctx: EventContext,
): Omit<ExecutionResult, "events" | "startDate" | "stopDate"> {
  const details: Record<string, string> = {};
  if (termination.cause !== undefined) details.cause = termination.cause;
  if (termination.error !== undefined) details.error = termination.error;
  if (termination.status === "ABORTED") {
    events.addLinked(ctx, 0, "ExecutionAborted", "executionAbortedEventDetails", details);
  } else if (termination.status === "TIMED_OUT") {
    events.add(ctx, "ExecutionTimedOut", "executionTimedOutEventDetails", details);
  } else {
    events.add(ctx, "ExecutionFailed", "executionFailedEventDetails", details);
  }
  return { status: termination.status, error: termination.error, cause: termination.cause };
}

/** `$$.Execution`: RedriveCount last, and only when the caller did not ask to leave it out. */
function executionInfo(settings: ExecutionSettings, ctx: ExecutionContextOptions, names: ExecutionNames, startMs: number): ExecutionInfo {
  const info: ExecutionInfo = {
    Id: names.executionArn,
    Input: settings.input,
    StartTime: new Date(startMs).toISOString(),
    Name: names.executionName,
    RoleArn: ctx.roleArn ?? `arn:${names.partition}:iam::${names.account}:role/StepFunctionsExecutionRole`,
  };
  if (ctx.redriveCount !== null) info.RedriveCount = ctx.redriveCount ?? 0;
  return info;
}

interface ExecutionNames {
  executionArn: string;
  executionName: string;
  stateMachineArn: string;
  stateMachineName: string;
  partition: string;
  region: string;
  account: string;
}

/** Fills in ARNs and names from whatever the caller gave (AWS-shaped defaults otherwise). */
function executionNames(ctx: ExecutionContextOptions): ExecutionNames {
  const fromArn = /^arn:([^:]+):states:([^:]*):([^:]*):(?:execution|stateMachine):([^:]+)(?::([^:]+))?/.exec(
    ctx.executionArn ?? ctx.stateMachineArn ?? "",
  );
  const partition = fromArn?.[1] ?? "aws";
  const region = fromArn?.[2] || "us-east-1";
  const account = fromArn?.[3] || "123456789012";
  const stateMachineName = ctx.stateMachineName ?? fromArn?.[4] ?? "StateMachine";
  const executionName =
    ctx.executionName ?? (ctx.executionArn ? fromArn?.[5] : undefined) ?? uuidFrom(seededRandom(hash(stateMachineName)).random);
  const stateMachineArn = ctx.stateMachineArn ?? `arn:${partition}:states:${region}:${account}:stateMachine:${stateMachineName}`;
  const executionArn = ctx.executionArn ?? `arn:${partition}:states:${region}:${account}:execution:${stateMachineName}:${executionName}`;
  return { executionArn, executionName, stateMachineArn, stateMachineName, partition, region, account };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
