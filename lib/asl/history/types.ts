/**
 * The history event shape of AWS `GetExecutionHistory`, as `@aws-sdk/client-sfn` returns it:
 * `timestamp` is a Date, payload fields (`input`, `output`, `parameters`, `result`, ...) inside the
 * `*EventDetails` objects are JSON text. Every producer (the local engine, AWS ingestion, file and
 * CloudWatch Logs import) emits this type and every consumer (store, dashboard, replay) reads it.
 */
export interface HistoryEvent {
  timestamp: Date;
  type: HistoryEventType | (string & {});
  id: number;
  previousEventId: number;
  /** Exactly one `<camelCaseType>EventDetails` key for types that have details. */
  [detailsKey: `${string}EventDetails`]: EventDetails | undefined;
}

export type EventDetails = Record<string, unknown>;

/**
 * A HistoryEvent as a store, a recording or the dashboard's API carries it: the same fields, the
 * timestamp a Date, ISO-8601 text, or anything else in masked recordings (then times are unknown).
 */
export type HistoryEventJson = Omit<HistoryEvent, "timestamp"> & { timestamp?: unknown };

/** Milliseconds since the epoch of an event's timestamp (a Date or ISO text); undefined otherwise. */
export function eventTime(event: { timestamp?: unknown }): number | undefined {
  const t = event.timestamp;
  const ms = t instanceof Date ? t.getTime() : typeof t === "string" ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/** The `*EventDetails` part of a history event, whatever its timestamp holds. */
export type EventDetailsFields = { [detailsKey: `${string}EventDetails`]: EventDetails | undefined };

export interface PayloadDetails {
  truncated: boolean;
}

/** Every event type AWS Step Functions documents for GetExecutionHistory. */
export const HISTORY_EVENT_TYPES = [
  "ActivityFailed",
  "ActivityScheduled",
  "ActivityScheduleFailed",
  "ActivityStarted",
  "ActivitySucceeded",
  "ActivityTimedOut",
  "ChoiceStateEntered",
  "ChoiceStateExited",
  "ExecutionAborted",
  "ExecutionFailed",
  "ExecutionStarted",
  "ExecutionSucceeded",
  "ExecutionTimedOut",
  "FailStateEntered",
  "LambdaFunctionFailed",
  "LambdaFunctionScheduled",
  "LambdaFunctionScheduleFailed",
  "LambdaFunctionStarted",
  "LambdaFunctionStartFailed",
  "LambdaFunctionSucceeded",
  "LambdaFunctionTimedOut",
  "MapIterationAborted",
  "MapIterationFailed",
  "MapIterationStarted",
  "MapIterationSucceeded",
  "MapStateAborted",
  "MapStateEntered",
  "MapStateExited",
  "MapStateFailed",
  "MapStateStarted",
  "MapStateSucceeded",
  "ParallelStateAborted",
  "ParallelStateEntered",
  "ParallelStateExited",
  "ParallelStateFailed",
  "ParallelStateStarted",
  "ParallelStateSucceeded",
  "PassStateEntered",
  "PassStateExited",
  "SucceedStateEntered",
  "SucceedStateExited",
  "TaskFailed",
  "TaskScheduled",
  "TaskStarted",
  "TaskStartFailed",
  "TaskStateAborted",
  "TaskStateEntered",
  "TaskStateExited",
  "TaskSubmitFailed",
  "TaskSubmitted",
  "TaskSucceeded",
  "TaskTimedOut",
  "WaitStateAborted",
  "WaitStateEntered",
  "WaitStateExited",
  "MapRunAborted",
  "MapRunFailed",
  "MapRunStarted",
  "MapRunSucceeded",
  "ExecutionRedriven",
  "MapRunRedriven",
  "EvaluationFailed",
] as const;

export type HistoryEventType = (typeof HISTORY_EVENT_TYPES)[number];

const KNOWN = new Set<string>(HISTORY_EVENT_TYPES);

export function isKnownEventType(type: string): type is HistoryEventType {
  return KNOWN.has(type);
}

/** `TaskStateEntered` -> `stateEnteredEventDetails` follows AWS's naming table. */
export function detailsKeyFor(type: string): string | undefined {
  if (type.endsWith("StateEntered")) return "stateEnteredEventDetails";
  if (type.endsWith("StateExited")) return "stateExitedEventDetails";
  if (type === "MapStateStarted") return "mapStateStartedEventDetails";
  if (type.startsWith("MapIteration")) return "mapIteration" + type.slice("MapIteration".length) + "EventDetails";
  if (type.startsWith("ParallelState") || type.startsWith("MapState") || type.endsWith("StateAborted")) return undefined;
  if (type === "EvaluationFailed") return "evaluationFailedEventDetails";
  return type.charAt(0).toLowerCase() + type.slice(1) + "EventDetails";
}

/** The key an event of this type keeps its details under (AWS's table, else `<camelCaseType>EventDetails`). */
export function eventDetailsKey(type: string): `${string}EventDetails` {
  return (detailsKeyFor(type) ?? `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`) as `${string}EventDetails`;
}

/** The `*EventDetails` object of an event, whatever its key. */
export function detailsOf(event: EventDetailsFields): EventDetails | undefined {
  for (const key in event) {
    if (key.endsWith("EventDetails")) return event[key as `${string}EventDetails`];
  }
  return undefined;
}

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";
