import { StatesError } from "../errors";

/** Error names that never reach Retry or Catch: the execution fails at once. */
const UNCATCHABLE = new Set(["States.Runtime"]);

/** Error names whose cause AWS prefixes with the failing state and its entered event id. */
const LOCATED = new Set(["States.Runtime", "States.QueryEvaluationError"]);

/**
 * A failure raised while a state was evaluated. `located` marks a cause that already names its
 * state (AWS's "An error occurred while executing the state ..." prefix), `location` the JSONata
 * field for the EvaluationFailed event, `reported` that EvaluationFailed was already emitted.
 */
export class StateFailure extends StatesError {
  located = false;
  reported = false;
  location: string | undefined;
  /** A Fail state (or task failure) may leave out Error and/or Cause: events then omit them. */
  errorMissing = false;
  causeMissing = false;
  /** The error output shows a missing cause as "" instead of null (timeouts). */
  emptyCauseInOutput = false;
  /** A missed heartbeat (error States.Timeout): Retry/Catch on States.HeartbeatTimeout match it too. */
  heartbeatTimeout = false;
  constructor(error: string, cause = "", location?: string) {
    super(error, cause);
    this.location = location;
  }
}

/** Converts anything thrown inside a state into a StatesError. */
export function toStatesError(thrown: unknown): StatesError {
  if (thrown instanceof StatesError) return thrown;
  if (thrown instanceof Error) return new StatesError("States.Runtime", thrown.message);
  return new StatesError("States.Runtime", String(thrown));
}

export function isCatchable(error: string): boolean {
  return !UNCATCHABLE.has(error);
}

/**
 * Gives a state's own evaluation error AWS's cause prefix, once:
 * "An error occurred while executing the state 'X' (entered at the event id #N). ...".
 */
export function locate(thrown: unknown, stateName: string, enteredEventId: number): StatesError {
  const error = toStatesError(thrown);
  if (!LOCATED.has(error.error)) return error;
  if (error instanceof StateFailure && error.located) return error;
  const prefix = `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}).`;
  const cause = error.cause.startsWith("An error occurred while executing the state") ? error.cause : `${prefix} ${error.cause}`;
  const located = new StateFailure(error.error, cause, locationOf(error));
  located.located = true;
  return located;
}

function locationOf(error: StatesError): string | undefined {
  if (error instanceof StateFailure) return error.location;
  const field = (error as unknown as { location?: unknown; field?: unknown }).location ?? (error as unknown as { field?: unknown }).field;
  return typeof field === "string" ? field : undefined;
}

/** A failure whose error/cause are given as-is (Fail states, task failures): never prefixed. */
export function explicitFailure(error: string | undefined, cause: string | undefined): StateFailure {
  const failure = new StateFailure(error ?? "", cause ?? "");
  failure.located = true;
  // An empty error name is what callers pass for "none" (SendTaskFailure without an error).
  failure.errorMissing = error === undefined || error === "";
  failure.causeMissing = cause === undefined;
  return failure;
}

/** `{error, cause}` event details, leaving out what the failure did not have. */
export function failureDetails(error: StatesError): Record<string, string> {
  const details: Record<string, string> = {};
  const missing = error instanceof StateFailure ? error : undefined;
  if (!missing?.causeMissing) details.cause = error.cause;
  if (!missing?.errorMissing) details.error = error.error;
  return details;
}

/** The error output a Catch hands on: `{Error, Cause}`, null where the failure had none. */
export function errorOutput(error: StatesError): Record<string, string | null> {
  const missing = error instanceof StateFailure ? error : undefined;
  const cause = missing?.causeMissing ? (missing.emptyCauseInOutput ? "" : null) : error.cause;
  return { Error: missing?.errorMissing ? null : error.error, Cause: cause };
}
