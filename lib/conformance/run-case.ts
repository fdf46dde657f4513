import type { ExecutionHandle, ExecutionResult, RunOptions } from "../asl";
import type { ConformanceCase } from "./case-types";
import type { RawRun } from "./mask-run";
import { prepareCase } from "./prepare-case";
import { createRecordedTaskInvoker } from "./recorded-task-invoker";

export type RunExecution = (options: RunOptions) => Promise<ExecutionResult>;
export type StartExecution = (options: RunOptions) => ExecutionHandle;

export interface CaseRun {
  raw: RawRun;
  /** Values the harness substituted for masked placeholders -> placeholder (see prepareCase). */
  restore: Map<string, string>;
  /** Set when the interpreter threw or did not finish in time instead of returning a result. */
  crash?: string;
  durationMs: number;
}

export interface RunCaseOptions {
  /** Give up on a case after this long (default 10 s). */
  timeoutMs?: number;
  /** Guard against runaway loops (passed to the engine as `maxEvents`). */
  maxEvents?: number;
  /**
   * The engine's `startExecution`: cases whose recording ends in ExecutionAborted (a
   * StopExecution call) run through it and are stopped once the history holds as many events as
   * the recording had before the abort. Without it such cases run to their end.
   */
  startExecution?: StartExecution;
}

/** AWS redrive (and `$$.Execution.RedriveCount`) exists since 2023-11-15; older recordings lack it. */
const REDRIVE_LAUNCH = "2023-11-15";

/** The recorder's names for the state machine and execution under test. */
const DEFAULT_PLACEHOLDERS: Record<string, string> = {
  "StateMachine.Id": "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>",
  "StateMachine.Name": "<ArnPart_0idx>",
  "Execution.Id": "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>",
  "Execution.Name": "<ExecArnPart_0idx>",
};

/**
 * The execution context the recording ran with: names and ARNs from its placeholders; cases
 * recorded without them get the recorder's standard names (and `snf_role_arn` as the role when
 * the recording masked the role that way).
 */
export function contextFor(c: ConformanceCase): NonNullable<RunOptions["context"]> {
  const masksRole = (c.notes?.snapshot_transformers ?? []).some((t) => t.arg1 === "snf_role_arn");
  const p: Record<string, string> = { ...DEFAULT_PLACEHOLDERS, ...(masksRole ? { "Execution.RoleArn": "snf_role_arn" } : {}) };
  for (const [key, value] of Object.entries(c.context_placeholders ?? {})) if (value) p[key] = value;
  // A fixed fallback keeps runs reproducible; the recording masked its start time anyway.
  const start = c.clock?.now ?? c.last_validated_date ?? "2024-01-01T00:00:00Z";
  const startTime = new Date(start);
  return {
    executionArn: p["Execution.Id"],
    executionName: p["Execution.Name"],
    stateMachineArn: p["StateMachine.Id"],
    stateMachineName: p["StateMachine.Name"],
    roleArn: p["Execution.RoleArn"],
    startTime: Number.isNaN(startTime.getTime()) ? new Date("2024-01-01T00:00:00Z") : startTime,
    ...(c.last_validated_date && c.last_validated_date < REDRIVE_LAUNCH ? { redriveCount: null } : {}),
  };
}

/** Events the recording had before a closing ExecutionAborted, or undefined when it has none. */
export function eventsBeforeStop(c: ConformanceCase): number | undefined {
  const events = c.expected.events ?? [];
  if (!events.some((e) => e.type === "ExecutionAborted")) return undefined;
  return events.length - 1;
}

/** Starts the execution and stops it as soon as its history holds `stopAfter` events. */
function runAndStop(start: StartExecution, options: RunOptions, stopAfter: number): Promise<ExecutionResult> {
  const handle = start(options);
  let settled = false;
  const poll = () => {
    if (settled) return;
    if (handle.events().length >= stopAfter) handle.stop();
    else setImmediate(poll);
  };
  poll();
  return handle.result.finally(() => {
    settled = true;
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Runs one recorded case through the engine, answering its task calls from the recorded
 * `service_calls` (see prepareCase). Never throws: an engine exception or a timeout becomes a `crash` with
 * status `CRASHED` / `HARNESS_TIMEOUT`.
 */
export async function runCase(c: ConformanceCase, runExecution: RunExecution, options: RunCaseOptions = {}): Promise<CaseRun> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const prepared = prepareCase(c);
  const restore = prepared.restore;
  try {
    const runOptions: RunOptions = {
      definition: prepared.definition as RunOptions["definition"],
      input: c.input,
      context: contextFor(c),
      taskInvoker: createRecordedTaskInvoker(prepared.taskResults),
      maxEvents: options.maxEvents ?? 25_000,
    };
    const stopAfter = eventsBeforeStop(c);
    const execution =
      stopAfter !== undefined && options.startExecution
        ? runAndStop(options.startExecution, runOptions, stopAfter)
        : runExecution(runOptions);
    const result = await Promise.race([execution, timeout]);
    const durationMs = performance.now() - started;
    if (result === "timeout") {
      return { raw: { status: "HARNESS_TIMEOUT", events: [] }, restore, crash: `no result after ${timeoutMs} ms`, durationMs };
    }
    const raw: RawRun = {
      status: result.status,
      output: result.output,
      error: result.error,
      cause: result.cause,
      events: result.events,
    };
    return { raw, restore, durationMs };
  } catch (error) {
    return { raw: { status: "CRASHED", events: [] }, restore, crash: describe(error), durationMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
