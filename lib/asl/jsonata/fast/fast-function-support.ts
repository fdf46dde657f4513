import { bail, isNumeric } from "./fast-values";

/** A JSONata function the fast evaluator runs itself (arguments already evaluated). */
export type FastFunction = (args: unknown[]) => unknown;

/** Bails out unless there are `min`..`max` arguments (fewer would make jsonata use the context). */
export function arity(args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) bail();
}

/** An `s` argument; any other type is left to jsonata (it would reject or coerce it). */
export function text(value: unknown): string {
  if (typeof value !== "string") bail();
  return value;
}

/** An `n` argument (finite). */
export function number(value: unknown): number {
  if (!isNumeric(value)) bail();
  return value;
}

/** An `a<n>` argument: a number or an array of numbers (a lone number is wrapped). */
export function numbers(value: unknown): number[] {
  if (Array.isArray(value)) {
    for (const item of value) number(item);
    return value as number[];
  }
  return [number(value)];
}

/** An `o` argument. */
export function object(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) bail();
  return value as Record<string, unknown>;
}
