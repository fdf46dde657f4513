/** The request field a replay error is about: the API answers 400 naming it. */
export type ReplayField = "from" | "definition" | "(execution)";

/**
 * An error about what the replay was asked to do (a checkpoint that is not there, an edited
 * definition that is not valid, an execution that cannot be replayed): a typed value, so the
 * route and the CLI tell it from a crash without reading its message.
 */
export class ReplayRequestError extends Error {
  constructor(
    readonly field: ReplayField,
    message: string,
  ) {
    super(message);
    this.name = "ReplayRequestError";
  }
}

/** `cannot replay from <checkpoint>: <why>` */
export function checkpointError(checkpoint: string | number, why: string): ReplayRequestError {
  return new ReplayRequestError("from", `cannot replay from ${checkpoint}: ${why}`);
}
