import { bail, deepEqual, isNumeric, newSequence, toBoolean, toText } from "./fast-values";

/** A binary operator on evaluated operands (`and` / `or` short-circuit and are compiled apart). */
export type BinaryOperator = (lhs: unknown, rhs: unknown) => unknown;

function arithmetic(apply: (a: number, b: number) => number): BinaryOperator {
  return (lhs, rhs) => {
    if (lhs !== undefined && !isNumeric(lhs)) bail();
    if (rhs !== undefined && !isNumeric(rhs)) bail();
    if (lhs === undefined || rhs === undefined) return undefined;
    const result = apply(lhs as number, rhs as number);
    if (!Number.isFinite(result)) bail();
    return result;
  };
}

function comparison(apply: (a: number | string, b: number | string) => boolean): BinaryOperator {
  return (lhs, rhs) => {
    const lt = typeof lhs;
    const rt = typeof rhs;
    if ((lt !== "undefined" && lt !== "string" && lt !== "number") || (rt !== "undefined" && rt !== "string" && rt !== "number")) bail();
    if (lhs === undefined || rhs === undefined) return undefined;
    if (lt !== rt) bail();
    return apply(lhs as number | string, rhs as number | string);
  };
}

/** `lhs..rhs`: the integers in between as a sequence; undefined when either side is or lhs > rhs. */
function range(lhs: unknown, rhs: unknown): unknown {
  if (lhs !== undefined && !Number.isInteger(lhs)) bail();
  if (rhs !== undefined && !Number.isInteger(rhs)) bail();
  if (lhs === undefined || rhs === undefined) return undefined;
  const from = lhs as number;
  const to = rhs as number;
  if (from > to) return undefined;
  if (to - from + 1 > 10_000_000) bail();
  const result = newSequence();
  for (let n = from; n <= to; n++) result.push(n);
  return result;
}

export const BINARY_OPERATORS: Record<string, BinaryOperator> = {
  "+": arithmetic((a, b) => a + b),
  "-": arithmetic((a, b) => a - b),
  "*": arithmetic((a, b) => a * b),
  "/": arithmetic((a, b) => a / b),
  "%": arithmetic((a, b) => a % b),
  "=": (lhs, rhs) => lhs !== undefined && rhs !== undefined && deepEqual(lhs, rhs),
  "!=": (lhs, rhs) => lhs !== undefined && rhs !== undefined && !deepEqual(lhs, rhs),
  "<": comparison((a, b) => a < b),
  "<=": comparison((a, b) => a <= b),
  ">": comparison((a, b) => a > b),
  ">=": comparison((a, b) => a >= b),
  "&": (lhs, rhs) => (toText(lhs) ?? "") + (toText(rhs) ?? ""),
  "..": range,
  in: (lhs, rhs) => {
    if (lhs === undefined || rhs === undefined) return false;
    const list = Array.isArray(rhs) ? rhs : [rhs];
    for (let i = 0; i < list.length; i++) if (list[i] === lhs) return true;
    return false;
  },
};

/** The effective boolean of an `and` / `or` operand (undefined counts as false). */
export function truth(value: unknown): boolean {
  return toBoolean(value) ?? false;
}
