import { AWS_FUNCTIONS } from "../aws-functions";
import { arity, object, text, type FastFunction } from "./fast-function-support";
import { lookup } from "./fast-path";
import { bail, deepEqual, isSequence, newSequence, setKey } from "./fast-values";

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

/** Functions on objects and arrays, and AWS's side-effect-free additions. */
export const STRUCTURE_FUNCTIONS: Record<string, FastFunction> = {
  keys(args) {
    arity(args, 1);
    const result = newSequence();
    if (Array.isArray(args[0])) bail();
    if (args[0] !== null && typeof args[0] === "object") for (const key of Object.keys(args[0])) result.push(key);
    return result;
  },
  lookup(args) {
    arity(args, 2);
    return lookup(args[0], text(args[1]));
  },
  append(args) {
    arity(args, 2);
    const [first, second] = args;
    if (first === undefined) return second;
    if (second === undefined) return first;
    return (Array.isArray(first) ? first : [first]).concat(Array.isArray(second) ? second : [second]);
  },
  reverse(args) {
    arity(args, 1);
    const value = args[0];
    if (value === undefined) bail();
    const list = Array.isArray(value) ? value : [value];
    return list.length <= 1 ? list : list.slice().reverse();
  },
  merge(args) {
    arity(args, 1);
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
    arity(args, 1);
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
  partition: aws("partition"),
  range: aws("range"),
  hash: aws("hash"),
  parse: aws("parse"),
};
