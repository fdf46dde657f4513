import type { Frame, PreparedRuns, RunStatus, StateRun } from "./state-run-types";

export interface RunMarks {
  /** runs that stopped for good (failed or aborted container, aborted state, evaluation failure) */
  terminated: Set<string>;
  /** runs that failed outside task attempts (EvaluationFailed, ParallelStateFailed, MapRunFailed...) */
  failed: Set<string>;
}

/** Settles statuses, errors and frame summaries once every event has been attributed. */
export function finalizeRuns(
  prepared: Pick<PreparedRuns, "runs" | "runByKey" | "frames" | "frameByKey" | "execution">,
  marks: RunMarks,
): void {
  const { runs, frames, frameByKey, execution } = prepared;
  const executionOver = execution.status !== "RUNNING";

  for (const run of runs) {
    run.status = statusOf(run, marks, executionOver);
    if (run.status === "in-progress") run.endedAt = null;
    if ((run.status === "failed" || run.status === "caught") && run.error === null) {
      const failedAttempt = lastFailedAttempt(run);
      if (failedAttempt) {
        run.error = failedAttempt.error;
        run.cause = failedAttempt.cause;
      }
    }
  }

  for (const frame of frames) settleFrame(frame, prepared.runByKey, executionOver);

  // containers after their contents: a failed Parallel/Map attempt takes the error of the last
  // failed run inside it
  const framesOf = new Map<string, Frame[]>();
  for (const frame of frames) {
    if (frame.containerRunKey === null) continue;
    const list = framesOf.get(frame.containerRunKey);
    if (list) list.push(frame);
    else framesOf.set(frame.containerRunKey, [frame]);
  }
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i];
    if (run.stateType !== "Parallel" && run.stateType !== "Map") continue;
    const inner = framesOf.get(run.key) ?? [];
    for (const attempt of run.attempts) {
      if (attempt.outcome !== "failed" || attempt.error !== null) continue;
      const failed = lastFailedRun(
        inner.filter((f) => f.attempt === attempt.index),
        prepared.runByKey,
      );
      if (failed) {
        attempt.error = failed.error;
        attempt.cause = failed.cause;
      }
      if (attempt.endedAt === null) attempt.endedAt = endOfFrames(inner.filter((f) => f.attempt === attempt.index));
    }
    if ((run.status === "failed" || run.status === "caught") && run.error === null) {
      const last = run.attempts.at(-1);
      run.error = last?.error ?? null;
      run.cause = last?.cause ?? null;
    }
  }

  const root = frameByKey.get("root")!;
  root.startedAt = execution.startedAt;
  root.endedAt = execution.endedAt;
  root.status = executionStatusToRun(execution.status);
}

function statusOf(run: StateRun, marks: RunMarks, executionOver: boolean): RunStatus {
  const last = run.attempts.at(-1);
  const failed =
    run.stateType === "Fail" ||
    marks.failed.has(run.key) ||
    (last !== undefined && (last.outcome === "failed" || last.outcome === "timed-out"));
  if (run.exitedEventId !== null) return failed ? "caught" : "succeeded";
  if (failed) return "failed";
  if (run.status === "aborted" || last?.outcome === "aborted" || marks.terminated.has(run.key)) return "aborted";
  return executionOver ? "aborted" : "in-progress";
}

function settleFrame(frame: Frame, runByKey: Map<string, StateRun>, executionOver: boolean): void {
  if (frame.kind === "root") return;
  const inner = frame.runKeys.map((k) => runByKey.get(k)!);
  for (const run of inner) {
    const end = run.exitedAt ?? run.endedAt;
    if (frame.kind === "branch" && end !== null && (frame.endedAt === null || end > frame.endedAt)) frame.endedAt = end;
  }
  if (frame.kind === "iteration" && frame.status !== "in-progress") return;
  const statuses = new Set(inner.map((r) => r.status));
  if (statuses.has("failed")) frame.status = "failed";
  else if (statuses.has("in-progress")) frame.status = executionOver ? "aborted" : "in-progress";
  else if (statuses.has("aborted")) frame.status = "aborted";
  else if (inner.length > 0) frame.status = "succeeded";
  else frame.status = executionOver ? "aborted" : "in-progress";
  if (frame.kind === "iteration" && frame.endedAt === null && frame.status !== "in-progress")
    frame.endedAt = endOfFrames([frame], runByKey);
}

function lastFailedAttempt(run: StateRun) {
  for (let i = run.attempts.length - 1; i >= 0; i--) {
    const a = run.attempts[i];
    if (a.outcome === "failed" || a.outcome === "timed-out") return a;
  }
  return undefined;
}

function lastFailedRun(frames: Frame[], runByKey: Map<string, StateRun>): StateRun | null {
  let best: StateRun | null = null;
  for (const frame of frames) {
    for (const key of frame.runKeys) {
      const run = runByKey.get(key)!;
      if (run.status === "failed" && run.error !== null && (!best || run.enteredEventId > best.enteredEventId)) best = run;
    }
  }
  return best;
}

function endOfFrames(frames: Frame[], runByKey?: Map<string, StateRun>): number | null {
  let end: number | null = null;
  for (const frame of frames) {
    const candidates = [frame.endedAt];
    if (runByKey) for (const key of frame.runKeys) candidates.push(runByKey.get(key)!.endedAt);
    for (const c of candidates) if (c !== null && (end === null || c > end)) end = c;
  }
  return end;
}

function executionStatusToRun(status: string): RunStatus {
  switch (status) {
    case "SUCCEEDED":
      return "succeeded";
    case "FAILED":
    case "TIMED_OUT":
      return "failed";
    case "ABORTED":
      return "aborted";
    default:
      return "in-progress";
  }
}
