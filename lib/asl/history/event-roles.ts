/**
 * The one classification of AWS history event types: what a type means for grouping events into
 * state runs (history, the store) and for following threads and task calls (replay).
 */
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

const ATTEMPT_PREFIXES = ["Task", "LambdaFunction", "Activity"] as const;

/** The phases of a task call's events (`TaskScheduled`, `LambdaFunctionStartFailed`, ...). */
const TASK_PHASES = new Set([
  "Scheduled",
  "Started",
  "Submitted",
  "Succeeded",
  "Failed",
  "TimedOut",
  "StartFailed",
  "SubmitFailed",
  "ScheduleFailed",
]);
/** Phases that end a task call. */
const TASK_OUTCOMES = new Set(["Succeeded", "Failed", "TimedOut", "StartFailed", "SubmitFailed", "ScheduleFailed"]);

/** A task call's event split into its kind (`Task`, `LambdaFunction`, `Activity`) and phase. */
export interface TaskEventType {
  kind: (typeof ATTEMPT_PREFIXES)[number];
  phase: string;
}

/** `LambdaFunctionScheduled` -> `{ kind: "LambdaFunction", phase: "Scheduled" }`; other types: undefined. */
export function taskEventType(type: string): TaskEventType | undefined {
  for (const kind of ATTEMPT_PREFIXES) {
    if (type.startsWith(kind) && TASK_PHASES.has(type.slice(kind.length))) return { kind, phase: type.slice(kind.length) };
  }
  return undefined;
}

/** Whether a task phase ends the call (succeeded, failed, timed out, or could not start). */
export function endsTaskCall(phase: string): boolean {
  return TASK_OUTCOMES.has(phase);
}

/** A task call's event that ends it without success. */
export function isTaskFailure(type: string): boolean {
  const task = taskEventType(type);
  return task !== undefined && task.phase !== "Succeeded" && TASK_OUTCOMES.has(task.phase);
}

/** `MapRunSucceeded`, `MapRunFailed` or `MapRunAborted`. */
export function isMapRunEnd(type: string): boolean {
  return type === "MapRunSucceeded" || type === "MapRunFailed" || type === "MapRunAborted";
}

/** `MapIterationSucceeded`, `MapIterationFailed` or `MapIterationAborted`. */
export function isMapIterationEnd(type: string): boolean {
  return type === "MapIterationSucceeded" || type === "MapIterationFailed" || type === "MapIterationAborted";
}

const CONTAINER_ENDS = new Set(["Succeeded", "Exited", "Failed", "Aborted"]);

/** The end of a Map or Parallel (`MapStateFailed` -> `{ container: "Map", phase: "Failed" }`); other types: undefined. */
export function containerEnd(type: string): { container: "Map" | "Parallel"; phase: string } | undefined {
  for (const container of ["Map", "Parallel"] as const) {
    const prefix = `${container}State`;
    if (type.startsWith(prefix) && CONTAINER_ENDS.has(type.slice(prefix.length))) return { container, phase: type.slice(prefix.length) };
  }
  return undefined;
}

/** `MapStateStarted` or `ParallelStateStarted`: the branches or iterations of a container begin. */
export function isContainerStart(type: string): boolean {
  return type === "MapStateStarted" || type === "ParallelStateStarted";
}

/** `ExecutionSucceeded`, `ExecutionFailed`, `ExecutionTimedOut` or `ExecutionAborted`: the execution closes. */
export function closesExecution(type: string): boolean {
  return type === "ExecutionSucceeded" || type === "ExecutionFailed" || type === "ExecutionTimedOut" || type === "ExecutionAborted";
}

/**
 * Whether an event becomes the source (`previousEventId`) of the next event of its thread, as
 * lib/asl's EventManager links them: ExecutionStarted, a Map iteration's start and end, a Map's or
 * Parallel's `…StateSucceeded` and every `…StateAborted` never do.
 */
export function becomesSource(type: string): boolean {
  if (type === "ExecutionStarted") return false;
  const role = eventRole(type);
  return (
    role !== "iteration-started" &&
    role !== "iteration-ended" &&
    role !== "container-other" &&
    role !== "container-aborted" &&
    role !== "state-aborted"
  );
}

export function eventRole(type: string): EventRole {
  if (type.startsWith("Execution")) return "execution";
  if (type.endsWith("StateEntered")) return "entered";
  if (type.endsWith("StateExited")) return "exited";
  if (isContainerStart(type)) return "container-started";
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
