import { AWS_FUNCTIONS } from "../aws-functions";
import { lookup } from "./fast-path";
import { bail, deepEqual, isNumeric, isSequence, newSequence, setKey, toBoolean, toText } from "./fast-values";

/**
 * The JSONata functions the fast evaluator runs itself, each for the argument types whose result
 * is certain (the types jsonata's signature accepts without coercion surprises). Anything else —
 * missing or undefined arguments that jsonata would fill from the context, wrong types (jsonata
 * errors), regular expressions — bails out to jsonata.
 */
export type FastFunction = (args: unknown[]) => unknown;

function count(args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) bail();
}

function text(value: unknown): string {
  if (typeof value !== "string") bail();
  return value;
}

function number(value: unknown): number {
  if (!isNumeric(value)) bail();
  return value;
}

/** An `a<n>` argument: a number or an array of numbers (a lone number is wrapped). */
function numbers(value: unknown): number[] {
  if (Array.isArray(value)) {
    for (const item of value) number(item);
    return value as number[];
  }
  return [number(value)];
}

function object(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) bail();
  return value as Record<string, unknown>;
}

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

function latin1Base64(value: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let out = "";
  for (let i = 0; i < value.length; i += 3) {
    const b0 = value.charCodeAt(i) & 0xff;
    const has1 = i + 1 < value.length;
    const has2 = i + 2 < value.length;
    const b1 = has1 ? value.charCodeAt(i + 1) & 0xff : 0;
    const b2 = has2 ? value.charCodeAt(i + 2) & 0xff : 0;
    out += alphabet[b0 >> 2] + alphabet[((b0 & 3) << 4) | (b1 >> 4)];
    out += has1 ? alphabet[((b1 & 15) << 2) | (b2 >> 6)] : "=";
    out += has2 ? alphabet[b2 & 63] : "=";
  }
  return out;
}

/** AWS's registered functions without side effects, called as jsonata calls them (no signature). */
function aws(name: string): FastFunction {
  const impl = AWS_FUNCTIONS.find((f) => f.name === name)!.impl;
  const focus = { environment: { lookup: () => bail() } };
  return (args) => {
    try {
      return impl.apply(focus, args);
    } catch {
      return bail();
    }
  };
}

export const FAST_FUNCTIONS: Record<string, FastFunction> = {
  string(args) {
    count(args, 1);
    if (args[0] === undefined) bail();
    return toText(args[0]);
  },
  count(args) {
    count(args, 1);
    const value = args[0];
    return value === undefined ? 0 : Array.isArray(value) ? value.length : 1;
  },
  exists(args) {
    count(args, 1);
    return args[0] !== undefined;
  },
  boolean(args) {
    count(args, 1);
    if (args[0] === undefined) bail();
    return toBoolean(args[0]);
  },
  not(args) {
    count(args, 1);
    if (args[0] === undefined) bail();
    return !toBoolean(args[0]);
  },
  sum(args) {
    count(args, 1);
    let total = 0;
    for (const n of numbers(args[0])) total += n;
    return total;
  },
  max(args) {
    count(args, 1);
    const list = numbers(args[0]);
    return list.length === 0 ? undefined : Math.max(...list);
  },
  min(args) {
    count(args, 1);
    const list = numbers(args[0]);
    return list.length === 0 ? undefined : Math.min(...list);
  },
  average(args) {
    count(args, 1);
    const list = numbers(args[0]);
    if (list.length === 0) return undefined;
    let total = 0;
    for (const n of list) total += n;
    return total / list.length;
  },
  length(args) {
    count(args, 1);
    return [...text(args[0])].length;
  },
  substring(args) {
    count(args, 2, 3);
    const chars = [...text(args[0])];
    let start = number(args[1]);
    if (chars.length + start < 0) start = 0;
    if (args.length === 3) {
      const length = number(args[2]);
      if (length <= 0) return "";
      const end = start >= 0 ? start + length : chars.length + start + length;
      return chars.slice(start, end).join("");
    }
    return chars.slice(start).join("");
  },
  substringBefore(args) {
    count(args, 2);
    const value = text(args[0]);
    const position = value.indexOf(text(args[1]));
    return position > -1 ? value.slice(0, position) : value;
  },
  substringAfter(args) {
    count(args, 2);
    const value = text(args[0]);
    const token = text(args[1]);
    const position = value.indexOf(token);
    return position > -1 ? value.slice(position + token.length) : value;
  },
  uppercase(args) {
    count(args, 1);
    return text(args[0]).toUpperCase();
  },
  lowercase(args) {
    count(args, 1);
    return text(args[0]).toLowerCase();
  },
  trim(args) {
    count(args, 1);
    let result = text(args[0]).replace(/[ \t\n\r]+/gm, " ");
    if (result.charAt(0) === " ") result = result.substring(1);
    if (result.charAt(result.length - 1) === " ") result = result.substring(0, result.length - 1);
    return result;
  },
  contains(args) {
    count(args, 2);
    return text(args[0]).indexOf(text(args[1])) !== -1;
  },
  split(args) {
    count(args, 2, 3);
    const value = text(args[0]);
    const separator = text(args[1]);
    if (args.length === 3) {
      const limit = number(args[2]);
      if (limit < 0) bail();
      return limit > 0 ? value.split(separator, limit) : [];
    }
    return value.split(separator);
  },
  join(args) {
    count(args, 1, 2);
    const list = Array.isArray(args[0]) ? args[0] : [text(args[0])];
    for (const item of list) text(item);
    const separator = args.length === 2 ? text(args[1]) : "";
    return list.join(separator);
  },
  number(args) {
    count(args, 1);
    const value = args[0];
    if (typeof value === "number") return value;
    if (typeof value === "boolean") return value ? 1 : 0;
    if (typeof value === "string" && NUMBER_TEXT.test(value) && Number.isFinite(Number(value))) return parseFloat(value);
    return bail();
  },
  abs(args) {
    count(args, 1);
    return Math.abs(number(args[0]));
  },
  floor(args) {
    count(args, 1);
    return Math.floor(number(args[0]));
  },
  ceil(args) {
    count(args, 1);
    return Math.ceil(number(args[0]));
  },
  round(args) {
    count(args, 1, 2);
    const precision = args.length === 2 ? number(args[1]) : 0;
    if (!Number.isInteger(precision)) bail();
    return round(number(args[0]), precision);
  },
  type(args) {
    count(args, 1);
    const value = args[0];
    if (value === undefined) return undefined;
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return isNumeric(value) ? "number" : bail();
    if (typeof value === "string" || typeof value === "boolean") return typeof value;
    if (typeof value === "object") return "object";
    return bail();
  },
  keys(args) {
    count(args, 1);
    const result = newSequence();
    if (Array.isArray(args[0])) bail();
    if (args[0] !== null && typeof args[0] === "object") for (const key of Object.keys(args[0])) result.push(key);
    return result;
  },
  lookup(args) {
    count(args, 2);
    return lookup(args[0], text(args[1]));
  },
  append(args) {
    count(args, 2);
    const [first, second] = args;
    if (first === undefined) return second;
    if (second === undefined) return first;
    return (Array.isArray(first) ? first : [first]).concat(Array.isArray(second) ? second : [second]);
  },
  reverse(args) {
    count(args, 1);
    const value = args[0];
    if (value === undefined) bail();
    const list = Array.isArray(value) ? value : [value];
    return list.length <= 1 ? list : list.slice().reverse();
  },
  merge(args) {
    count(args, 1);
    if (args[0] === undefined) bail();
    const list = Array.isArray(args[0]) ? args[0] : [args[0]];
    const result: Record<string, unknown> = {};
    for (const item of list) {
      const source = object(item);
      for (const key of Object.keys(source)) setKey(result, key, source[key]);
    }
    return result;
  },
  distinct(args) {
    count(args, 1);
    const value = args[0];
    if (value === undefined) bail();
    if (!Array.isArray(value) || value.length <= 1) return value;
    const results: unknown[] = isSequence(value) ? newSequence() : [];
    for (const item of value) {
      let seen = false;
      for (const kept of results) {
        if (deepEqual(item, kept)) {
          seen = true;
          break;
        }
      }
      if (!seen) results.push(item);
    }
    return results;
  },
  base64encode(args) {
    count(args, 1);
    return latin1Base64(text(args[0]));
  },
  partition: aws("partition"),
  range: aws("range"),
  hash: aws("hash"),
  parse: aws("parse"),
};
