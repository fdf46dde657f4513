/**
 * Value semantics of JSONata that the fast evaluator shares across operators and functions:
 * sequences, the effective boolean value, deep equality and `$string` conversion. Whenever a
 * value falls outside what is modelled here, the evaluator bails out (throws BAIL) and the
 * expression is evaluated by jsonata itself, which also produces its exact error.
 */

/** Thrown to hand an evaluation over to jsonata. */
export class Bail {
  readonly isBail = true;
}
export const BAIL = new Bail();

export function bail(): never {
  throw BAIL;
}

/** A JSONata sequence: an array flagged the way jsonata flags its own (`sequence: true`). */
export type Sequence = unknown[] & { sequence: true };

export function newSequence(): Sequence {
  const sequence = [] as unknown as Sequence;
  sequence.sequence = true;
  return sequence;
}

export function isSequence(value: unknown): value is Sequence {
  return Array.isArray(value) && (value as Partial<Sequence>).sequence === true;
}

/** What jsonata does with every evaluated node: empty sequences vanish, singletons unwrap. */
export function settle(value: unknown): unknown {
  if (isSequence(value)) {
    if (value.length === 0) return undefined;
    if (value.length === 1) return value[0];
  }
  return value;
}

/** A sequence stored into a structure or returned becomes an ordinary array (its items are JSON). */
export function plain(value: unknown): unknown {
  return isSequence(value) ? Array.from(value) : value;
}

/** A number jsonata accepts in arithmetic (NaN is not; infinities make it fail). */
export function isNumeric(value: unknown): value is number {
  if (typeof value !== "number" || Number.isNaN(value)) return false;
  if (!Number.isFinite(value)) bail();
  return true;
}

/** JSONata's effective boolean value (`$boolean`); undefined stays undefined. */
export function toBoolean(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 1) return toBoolean(value[0]);
    for (let i = 0; i < value.length; i++) if (toBoolean(value[i])) return true;
    return false;
  }
  if (typeof value === "string") return value.length > 0;
  if (typeof value === "number") return isNumeric(value) && value !== 0;
  if (typeof value === "boolean") return value;
  if (value !== null && typeof value === "object") return Object.keys(value).length > 0;
  if (typeof value === "function") bail();
  return false;
}

/** Deep equality of `=` / `!=` and `$distinct`. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) bail();
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** Non-integers print with 15 significant digits, as jsonata's `$string` does. */
function stringifyNumbers(_key: string, value: unknown): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      if (Number.isNaN(value)) return value;
      bail();
    }
    return Number.isInteger(value) ? value : Number(value.toPrecision(15));
  }
  if (typeof value === "function") bail();
  return value;
}

/** `$string(value)` and the operands of `&`; undefined stays undefined. */
export function toText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) bail();
    return String(Number.isInteger(value) ? value : Number(value.toPrecision(15)));
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null) return "null";
  if (typeof value === "function") bail();
  return JSON.stringify(value, stringifyNumbers);
}

/** A plain object with no prototype surprises: `__proto__` keys are left to jsonata. */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") bail();
  target[key] = value;
}
