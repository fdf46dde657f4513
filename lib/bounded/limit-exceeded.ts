/**
 * A user-supplied expression or definition ran over a limit and was stopped: `what` names it
 * ("the input condition", "the replay"), `limit` completes "exceeded ..." ("its 2 s time limit").
 * Servers answer it with 422 and this message.
 */
export class LimitExceeded extends Error {
  constructor(
    readonly what: string,
    readonly kind: "time" | "memory",
    readonly limit: string,
  ) {
    super(`${what} exceeded ${limit}`);
    this.name = "LimitExceeded";
  }
}
