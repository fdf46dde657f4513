/**
 * Ends the whole execution at once, whatever state is running: a stop request (ABORTED), the
 * state machine's TimeoutSeconds (TIMED_OUT) or the history limit (FAILED). It is not a
 * StatesError, so no Retry or Catch sees it.
 */
export class ExecutionTermination extends Error {
  constructor(
    readonly status: "FAILED" | "TIMED_OUT" | "ABORTED",
    readonly error?: string,
    readonly cause?: string,
  ) {
    super(error ? `${status}: ${error}` : status);
    this.name = "ExecutionTermination";
  }
}
