import { bail, isNumeric, isSequence, newSequence, settle, toBoolean, type Sequence } from "./fast-values";

/** A compiled JSONata node: evaluated against the context value and the frame of variables. */
export type Evaluate = (input: unknown, frame: Frame) => unknown;

/** What every evaluation of an expression can see: `$states` and the variables in scope. */
export interface FastScope {
  states: unknown;
  variables: Record<string, unknown>;
  /** The top frame shared by the expressions that bind nothing (set on first use). */
  frame?: Frame;
}

/** Variable bindings made by `:=` (the top frame, then one per block). */
export class Frame {
  vars: Map<string, unknown> | undefined;
  constructor(
    readonly scope: FastScope,
    readonly parent: Frame | undefined,
  ) {}
}

/** jsonata's `lookup`: a member of an object, or of every object in an array (flattened). */
export function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const result = newSequence();
    for (let i = 0; i < input.length; i++) {
      const found = lookup(input[i], key);
      if (found === undefined) continue;
      if (Array.isArray(found)) for (let j = 0; j < found.length; j++) result.push(found[j]);
      else result.push(found);
    }
    return result;
  }
  if (input !== null && typeof input === "object" && Object.prototype.hasOwnProperty.call(input, key)) {
    return (input as Record<string, unknown>)[key];
  }
  if (typeof input === "function") bail();
  return undefined;
}

/** A `[...]` predicate: a literal index, or an expression evaluated per item (index or boolean). */
export type Filter = { index: number } | { predicate: Evaluate };

function isArrayOfNumbers(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!isNumeric(value[i])) return false;
  return true;
}

/** jsonata's `evaluateFilter`: the items of `input` (a sequence when not an array) the filter keeps. */
export function applyFilter(filter: Filter, input: unknown, frame: Frame): unknown {
  let results: unknown = newSequence();
  const items = Array.isArray(input) ? input : [input];
  if ("index" in filter) {
    let index = Math.floor(filter.index);
    if (index < 0) index = items.length + index;
    const item = items[index];
    if (item !== undefined) {
      if (Array.isArray(item)) results = item;
      else (results as Sequence).push(item);
    }
    return results;
  }
  // jsonata would keep `undefined` items (filtering nothing); that is left to it.
  if (input === undefined) bail();
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    let res = filter.predicate(item, frame);
    if (isNumeric(res)) res = [res];
    if (isArrayOfNumbers(res)) {
      for (const position of res) {
        let i = Math.floor(position);
        if (i < 0) i = items.length + i;
        if (i === index) (results as Sequence).push(item);
      }
    } else if (toBoolean(res)) (results as Sequence).push(item);
  }
  return results;
}

/** One `.name` step of a path, with its `[...]` stages. */
export interface NameStep {
  key: string;
  stages: Filter[];
}

function stepValue(step: NameStep, item: unknown, frame: Frame): unknown {
  let value = settle(lookup(item, step.key));
  for (let s = 0; s < step.stages.length; s++) value = applyFilter(step.stages[s], value, frame);
  return value;
}

function isConstructed(value: unknown[]): boolean {
  return (value as { cons?: unknown }).cons === true;
}

/** The sequence a step hands to the next one: per-item results flattened one level. */
function flatten(results: unknown[]): Sequence {
  const sequence = newSequence();
  for (let i = 0; i < results.length; i++) {
    const res = results[i];
    if (!Array.isArray(res) || isConstructed(res)) sequence.push(res);
    else for (let j = 0; j < res.length; j++) sequence.push(res[j]);
  }
  return sequence;
}

/**
 * jsonata's `evaluatePath` for `first.name1.name2...`: `first` is the evaluated first step (a
 * variable, already filtered and settled), or absent for a relative path (`name1.name2` against
 * the context value). A lone object walks the steps without allocating; arrays take jsonata's
 * general route (per-item results flattened into sequences).
 */
export function walkPath(input: unknown, frame: Frame, first: Evaluate | undefined, steps: readonly NameStep[]): unknown {
  if (first) {
    const value = first(input, frame);
    if (value === undefined) return undefined;
    if (steps.length === 0) return Array.isArray(value) && !isSequence(value) ? value : settle(flatten([value]));
    return continueWith(value, frame, steps, 0);
  }
  if (Array.isArray(input)) return walkSequence(input, frame, steps, 0);
  return walkSingle(input, frame, steps, 0);
}

/** Goes on from one defined result of the step before `from` (which was not the last step). */
function continueWith(value: unknown, frame: Frame, steps: readonly NameStep[], from: number): unknown {
  if (Array.isArray(value)) {
    const next = isConstructed(value) ? sequenceOf(value) : flatten([value]);
    if (next.length === 0) return undefined;
    return walkSequence(next, frame, steps, from);
  }
  return walkSingle(value, frame, steps, from);
}

/** The steps from `from` on, when the input sequence is the single non-array `item`. */
function walkSingle(item: unknown, frame: Frame, steps: readonly NameStep[], from: number): unknown {
  let current = item;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i];
    let value: unknown;
    if (step.stages.length === 0 && current !== null && typeof current === "object") {
      value = Object.prototype.hasOwnProperty.call(current, step.key) ? settle((current as Record<string, unknown>)[step.key]) : undefined;
    } else value = stepValue(step, current, frame);
    if (value === undefined) return undefined;
    if (i === steps.length - 1) {
      if (!Array.isArray(value)) return value;
      return isSequence(value) ? settle(flatten([value])) : value;
    }
    if (Array.isArray(value)) return continueWith(value, frame, steps, i + 1);
    current = value;
  }
  return current;
}

function sequenceOf(value: unknown): Sequence {
  const sequence = newSequence();
  sequence.push(value);
  return sequence;
}

function walkSequence(input: unknown[], frame: Frame, steps: readonly NameStep[], from: number): unknown {
  let sequence: unknown[] = input;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i];
    const results: unknown[] = [];
    for (let j = 0; j < sequence.length; j++) {
      const value = stepValue(step, sequence[j], frame);
      if (value !== undefined) results.push(value);
    }
    if (i === steps.length - 1 && results.length === 1 && Array.isArray(results[0]) && !isSequence(results[0])) return results[0];
    sequence = flatten(results);
    if (sequence.length === 0) return undefined;
  }
  return settle(sequence);
}
