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

/**
 * Whether `error` is a LimitExceeded, also when it was made by another copy of this module: the
 * evaluation pools are shared per process (globalThis), and Next.js bundles each route and
 * instrumentation.ts with their own copies, so `instanceof` cannot tell.
 */
export function isLimitExceeded(error: unknown): error is LimitExceeded {
  if (error instanceof LimitExceeded) return true;
  if (!(error instanceof Error) || error.name !== "LimitExceeded") return false;
  const e = error as Error & Partial<Pick<LimitExceeded, "what" | "kind">>;
  return typeof e.what === "string" && (e.kind === "time" || e.kind === "memory");
}
