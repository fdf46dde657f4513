import { arity, number, numbers, type FastFunction } from "./fast-function-support";
import { bail, isNumeric, toBoolean } from "./fast-values";

/** Banker's rounding at `precision` decimals, shifting through the exponent as jsonata does. */
function round(value: number, precision: number): number {
  let shifted = value;
  if (precision) {
    const [mantissa, exponent] = value.toString().split("e");
    shifted = Number(`${mantissa}e${exponent ? Number(exponent) + precision : precision}`);
  }
  let result = Math.round(shifted);
  if (Math.abs(result - shifted) === 0.5 && Math.abs(result % 2) === 1) result -= 1;
  if (precision) {
    const [mantissa, exponent] = result.toString().split("e");
    result = Number(`${mantissa}e${exponent ? Number(exponent) - precision : -precision}`);
  }
  return Object.is(result, -0) ? 0 : result;
}

const NUMBER_TEXT = /^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/;

/** Numeric, counting and boolean functions. */
export const NUMBER_FUNCTIONS: Record<string, FastFunction> = {
  count(args) {
    arity(args, 1);
    const value = args[0];
    return value === undefined ? 0 : Array.isArray(value) ? value.length : 1;
  },
  exists(args) {
    arity(args, 1);
    return args[0] !== undefined;
  },
  boolean(args) {
    arity(args, 1);
    if (args[0] === undefined) bail();
    return toBoolean(args[0]);
  },
  not(args) {
    arity(args, 1);
    if (args[0] === undefined) bail();
    return !toBoolean(args[0]);
  },
  sum(args) {
    arity(args, 1);
    let total = 0;
    for (const n of numbers(args[0])) total += n;
    return total;
  },
  max(args) {
    arity(args, 1);
    const list = numbers(args[0]);
    return list.length === 0 ? undefined : Math.max(...list);
  },
  min(args) {
    arity(args, 1);
    const list = numbers(args[0]);
    return list.length === 0 ? undefined : Math.min(...list);
  },
  average(args) {
    arity(args, 1);
    const list = numbers(args[0]);
    if (list.length === 0) return undefined;
    let total = 0;
    for (const n of list) total += n;
    return total / list.length;
  },
  number(args) {
    arity(args, 1);
    const value = args[0];
    if (typeof value === "number") return value;
    if (typeof value === "boolean") return value ? 1 : 0;
    if (typeof value === "string" && NUMBER_TEXT.test(value) && Number.isFinite(Number(value))) return parseFloat(value);
    return bail();
  },
  abs(args) {
    arity(args, 1);
    return Math.abs(number(args[0]));
  },
  floor(args) {
    arity(args, 1);
    return Math.floor(number(args[0]));
  },
  ceil(args) {
    arity(args, 1);
    return Math.ceil(number(args[0]));
  },
  round(args) {
    arity(args, 1, 2);
    const precision = args.length === 2 ? number(args[1]) : 0;
    if (!Number.isInteger(precision)) bail();
    return round(number(args[0]), precision);
  },
  type(args) {
    arity(args, 1);
    const value = args[0];
    if (value === undefined) return undefined;
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return isNumeric(value) ? "number" : bail();
    if (typeof value === "string" || typeof value === "boolean") return typeof value;
    if (typeof value === "object") return "object";
    return bail();
  },
};
