import type { ExpressionEnv } from "../paths/env";

/**
 * Thrown by an intrinsic implementation when its arguments are unusable; the evaluator turns it
 * into States.Runtime with AWS's `Invalid arguments in States.X` wording (plus `detail` if given).
 */
export class InvalidArguments extends Error {
  constructor(readonly detail?: string) {
    super(detail ?? "Invalid arguments");
  }
}

/** An intrinsic function body: evaluated arguments in, JSON value out. */
export type IntrinsicImpl = (args: unknown[], env: ExpressionEnv, literalTemplate?: string) => unknown;

export function requireArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new InvalidArguments();
  return value;
}

export function requireString(value: unknown): string {
  if (typeof value !== "string") throw new InvalidArguments();
  return value;
}

export function requireNumber(value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new InvalidArguments();
  return value;
}

export function requireObject(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InvalidArguments();
  return value as Record<string, unknown>;
}
