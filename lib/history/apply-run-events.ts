import { payloadText } from "../model/execution";
import type { RunMarks } from "./finalize-runs";
import type { EventDetails } from "../asl/history/types";
import type { Attempt, ExecutionSummary, StateRun } from "./state-run-types";

/** How single events change a state run, its attempts and the execution summary. */

export function newAttempt(index: number, startEventId: number, t: number | null): Attempt {
  return {
    index,
    startEventId,
    startedAt: t,
    runningAt: null,
    endedAt: null,
    outcome: "in-progress",
    error: null,
    cause: null,
    output: null,
  };
}

export function variablesOf(value: unknown): Record<string, string> | null {
  if (!value || typeof value !== "object") return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = payloadText(v) ?? "null";
  return out;
}

export function applyExecutionEvent(execution: ExecutionSummary, type: string, d: EventDetails, t: number | null): void {
  switch (type) {
    case "ExecutionStarted":
      execution.startedAt = t;
      execution.input = payloadText(d.input);
      return;
    case "ExecutionRedriven":
      execution.redriven += 1;
      execution.status = "RUNNING";
      execution.endedAt = null;
      return;
    case "ExecutionSucceeded":
      execution.status = "SUCCEEDED";
      execution.output = payloadText(d.output);
      break;
    case "ExecutionFailed":
      execution.status = "FAILED";
      break;
    case "ExecutionTimedOut":
      execution.status = "TIMED_OUT";
      break;
    case "ExecutionAborted":
      execution.status = "ABORTED";
      break;
    default:
      return;
  }
  execution.endedAt = t;
  if (type !== "ExecutionSucceeded") {
    execution.error = payloadText(d.error);
    execution.cause = payloadText(d.cause);
  }
}

export function applyContainerEvent(run: StateRun, type: string, d: EventDetails, t: number | null, role: string, marks: RunMarks): void {
  const attempt = run.attempts.at(-1);
  if (role === "map-run") {
    if (type === "MapRunStarted") run.resource = payloadText(d.mapRunArn);
    if (type === "MapRunFailed" || type === "MapRunAborted") {
      run.error = payloadText(d.error) ?? run.error;
      run.cause = payloadText(d.cause) ?? run.cause;
      if (attempt) Object.assign(attempt, { error: run.error, cause: run.cause });
      marks.failed.add(run.key);
    }
    return;
  }
  if (attempt && attempt.outcome === "in-progress") {
    attempt.endedAt = t;
    attempt.outcome = role === "container-failed" ? "failed" : role === "container-aborted" ? "aborted" : "succeeded";
  }
  if (role === "container-failed" || role === "container-aborted") marks.terminated.add(run.key);
  if (role === "container-failed") marks.failed.add(run.key);
}

export function applyRunEvent(run: StateRun, eventId: number, d: EventDetails, t: number | null, role: string, marks: RunMarks): void {
  let attempt = run.attempts.at(-1);
  const openAttempt = () => {
    if (!attempt || attempt.outcome !== "in-progress") {
      attempt = newAttempt(run.attempts.length, eventId, t);
      run.attempts.push(attempt);
    }
    return attempt;
  };
  switch (role) {
    case "attempt-scheduled": {
      attempt = undefined;
      openAttempt();
      run.resource = payloadText(d.resource) ?? run.resource;
      run.resourceType = payloadText(d.resourceType) ?? run.resourceType;
      run.parameters = payloadText(d.parameters ?? d.input) ?? run.parameters;
      return;
    }
    case "attempt-running":
      openAttempt().runningAt = t;
      run.resourceType = payloadText(d.resourceType) ?? run.resourceType;
      return;
    case "attempt-succeeded":
      Object.assign(openAttempt(), { endedAt: t, outcome: "succeeded", output: payloadText(d.output) });
      return;
    case "attempt-failed":
    case "attempt-timed-out":
      Object.assign(openAttempt(), {
        endedAt: t,
        outcome: role === "attempt-failed" ? "failed" : "timed-out",
        error: payloadText(d.error) ?? (role === "attempt-timed-out" ? "States.Timeout" : null),
        cause: payloadText(d.cause),
      });
      return;
    case "evaluation-failed":
      run.error = payloadText(d.error);
      run.cause = payloadText(d.cause);
      marks.terminated.add(run.key);
      marks.failed.add(run.key);
      return;
    case "state-aborted":
      marks.terminated.add(run.key);
      if (attempt && attempt.outcome === "in-progress") Object.assign(attempt, { endedAt: t, outcome: "aborted" });
      if (!run.attempts.some((a) => a.outcome === "failed" || a.outcome === "timed-out")) run.status = "aborted";
      return;
    default:
      return;
  }
}
