/** What an AWS history event type means for grouping events into state runs. */
export type EventRole =
  | "execution"
  | "entered"
  | "exited"
  | "container-started"
  | "container-failed"
  | "container-aborted"
  | "container-other"
  | "iteration-started"
  | "iteration-ended"
  | "map-run"
  | "attempt-scheduled"
  | "attempt-running"
  | "attempt-succeeded"
  | "attempt-failed"
  | "attempt-timed-out"
  | "task-progress"
  | "state-aborted"
  | "evaluation-failed"
  | "other";

const ATTEMPT_PREFIXES = ["Task", "LambdaFunction", "Activity"];

export function eventRole(type: string): EventRole {
  if (type.startsWith("Execution")) return "execution";
  if (type.endsWith("StateEntered")) return "entered";
  if (type.endsWith("StateExited")) return "exited";
  if (type === "ParallelStateStarted" || type === "MapStateStarted") return "container-started";
  if (type === "ParallelStateFailed" || type === "MapStateFailed") return "container-failed";
  if (type === "ParallelStateAborted" || type === "MapStateAborted") return "container-aborted";
  if (type === "ParallelStateSucceeded" || type === "MapStateSucceeded") return "container-other";
  if (type === "MapIterationStarted") return "iteration-started";
  if (type.startsWith("MapIteration")) return "iteration-ended";
  if (type.startsWith("MapRun")) return "map-run";
  if (type === "EvaluationFailed") return "evaluation-failed";
  if (type.endsWith("StateAborted")) return "state-aborted";
  for (const prefix of ATTEMPT_PREFIXES) {
    if (!type.startsWith(prefix)) continue;
    const rest = type.slice(prefix.length);
    if (rest === "Scheduled") return "attempt-scheduled";
    if (rest === "Started") return "attempt-running";
    if (rest === "Succeeded") return "attempt-succeeded";
    if (rest === "TimedOut") return "attempt-timed-out";
    if (rest === "Failed" || rest === "StartFailed" || rest === "ScheduleFailed" || rest === "SubmitFailed") {
      return "attempt-failed";
    }
    return "task-progress";
  }
  return "other";
}

/** `TaskStateEntered` -> `Task`. */
export function stateTypeOf(enteredOrExitedType: string): string {
  return enteredOrExitedType.replace(/State(Entered|Exited)$/, "");
}

/** Which container an event of a container role belongs to. */
export function containerTypeOf(type: string): "Parallel" | "Map" {
  return type.startsWith("Parallel") ? "Parallel" : "Map";
}
