import { isObject, toDefinitionIndex, type DefinitionIndex } from "../asl/definition/definition-model";
import type { Frame, PreparedRuns, StateRun } from "./state-run-types";

/** One link of a failure chain, in the order it happened. */
export interface FailureStep {
  role: "failed" | "caught" | "compensation" | "terminal";
  state: string;
  path: string;
  runKey: string;
  error: string | null;
  cause: string | null;
  /** attempts the run made (a Task retried 3 times made 4) */
  attempts: number;
}

export interface CaughtBy {
  /** the state whose Catch took the error (the origin itself, or the Parallel/Map around it) */
  state: string;
  errorEquals: string[];
  /** the state the catcher sent the execution to */
  next: string | null;
}

/** Where a failed, timed-out or aborted execution went wrong, and how it got from there to its end. */
export interface RootCause {
  state: string;
  path: string;
  runKey: string;
  error: string | null;
  cause: string | null;
  attempts: number;
  caughtBy: CaughtBy | null;
  chain: FailureStep[];
}

const ENDED_BADLY = new Set(["FAILED", "TIMED_OUT", "ABORTED"]);

/**
 * The failure chain of an execution, from its state runs alone: the run at the end of the top-level
 * path (terminal); walking back from it, the latest run on that path whose failure a Catch took
 * (the error that sent the execution down its failure path; the runs after it are compensation);
 * failing that, the terminal run itself (an uncaught failure). A Parallel or Map origin is opened
 * to the run inside it that failed first. Null for executions that did not fail.
 */
export function deriveRootCause(
  prepared: PreparedRuns,
  definition?: string | Record<string, unknown> | DefinitionIndex | null,
): RootCause | null {
  const { execution, runByKey, frameByKey } = prepared;
  if (!ENDED_BADLY.has(execution.status)) return null;
  const index = toDefinitionIndex(definition);
  const root = frameByKey.get("root");
  const topLevel = (root?.runKeys ?? []).map((key) => runByKey.get(key)!);
  const terminal = topLevel.at(-1);
  if (!terminal) {
    return { state: "", path: "", runKey: "", error: execution.error, cause: execution.cause, attempts: 0, caughtBy: null, chain: [] };
  }
  const path = pathTo(terminal, runByKey);
  const catcherIndex = path.findLastIndex((run) => run.status === "caught" && run !== terminal);
  const diverted = catcherIndex >= 0 ? path[catcherIndex] : terminal;
  const origin = innermostFailure(diverted, prepared);
  const steps: FailureStep[] = [step("failed", origin)];
  let caughtBy: CaughtBy | null = null;
  if (catcherIndex >= 0) {
    const next = path[catcherIndex + 1] ?? null;
    caughtBy = catcherOf(diverted, index, next);
    steps.push(step("caught", diverted));
    for (const run of path.slice(catcherIndex + 1, -1)) steps.push(step("compensation", run));
  }
  if (terminal !== origin) steps.push(step("terminal", terminal, execution));
  return {
    state: origin.stateName,
    path: origin.statePath,
    runKey: origin.key,
    error: origin.error ?? (origin === terminal ? execution.error : null),
    cause: origin.cause ?? (origin === terminal ? execution.cause : null),
    attempts: Math.max(1, origin.attempts.length),
    caughtBy,
    chain: steps,
  };
}

/** The top-level runs that led to `last`, oldest first (each run's previousRunKey). */
function pathTo(last: StateRun, runByKey: Map<string, StateRun>): StateRun[] {
  const path: StateRun[] = [];
  const seen = new Set<string>();
  for (
    let run: StateRun | undefined = last;
    run && !seen.has(run.key);
    run = run.previousRunKey ? runByKey.get(run.previousRunKey) : undefined
  ) {
    seen.add(run.key);
    path.push(run);
  }
  return path.reverse();
}

/** For a Parallel/Map run that failed inside: the run inside its last attempt that failed first, recursively. */
function innermostFailure(run: StateRun, prepared: PreparedRuns): StateRun {
  if (run.stateType !== "Parallel" && run.stateType !== "Map") return run;
  const lastAttempt = run.attempts.at(-1)?.index ?? 0;
  const inner: StateRun[] = [];
  for (const frame of prepared.frames) {
    if (frame.containerRunKey !== run.key || frame.attempt !== lastAttempt) continue;
    for (const key of frame.runKeys) {
      const candidate = prepared.runByKey.get(key);
      if (candidate && (candidate.status === "failed" || (candidate.status === "caught" && isLastOfFrame(candidate, frame))))
        inner.push(candidate);
    }
  }
  if (inner.length === 0) return run;
  const first = inner.reduce((a, b) => (failedAt(b) < failedAt(a) ? b : a));
  return innermostFailure(first, prepared);
}

function isLastOfFrame(run: StateRun, frame: Frame): boolean {
  return frame.runKeys.at(-1) === run.key;
}

function failedAt(run: StateRun): number {
  return run.attempts.at(-1)?.endedAt ?? run.endedAt ?? run.exitedAt ?? run.enteredAt ?? Infinity;
}

/** The Catch of `run`'s definition that matches its error, or what the history shows when there is no definition. */
function catcherOf(run: StateRun, index: DefinitionIndex | null, next: StateRun | null): CaughtBy {
  const catchers = index?.states.get(run.statePath)?.def.Catch;
  if (Array.isArray(catchers)) {
    for (const catcher of catchers) {
      if (!isObject(catcher) || !Array.isArray(catcher.ErrorEquals)) continue;
      const names = catcher.ErrorEquals.filter((e): e is string => typeof e === "string");
      if (names.some((name) => matches(name, run.error))) {
        return {
          state: run.stateName,
          errorEquals: names,
          next: typeof catcher.Next === "string" ? catcher.Next : (next?.stateName ?? null),
        };
      }
    }
  }
  return { state: run.stateName, errorEquals: [], next: next?.stateName ?? null };
}

/** ASL's error matching: the name itself, States.ALL for any error but States.Runtime, States.TaskFailed for any but States.Timeout. */
function matches(name: string, error: string | null): boolean {
  if (error === null) return name === "States.ALL";
  if (name === error) return true;
  if (name === "States.ALL") return error !== "States.Runtime";
  if (name === "States.TaskFailed") return error !== "States.Timeout" && error !== "States.Runtime" && error !== "States.HeartbeatTimeout";
  return false;
}

function step(role: FailureStep["role"], run: StateRun, execution?: PreparedRuns["execution"]): FailureStep {
  const own = run.error !== null || run.cause !== null;
  return {
    role,
    state: run.stateName,
    path: run.statePath,
    runKey: run.key,
    error: own ? run.error : role === "terminal" ? (execution?.error ?? null) : null,
    cause: own ? run.cause : role === "terminal" ? (execution?.cause ?? null) : null,
    attempts: Math.max(1, run.attempts.length),
  };
}
