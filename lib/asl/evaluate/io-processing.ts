/**
 * Input and output processing shared by the state types, for both query languages:
 * JSONPath: InputPath -> Parameters -> (body) -> ResultSelector -> ResultPath -> OutputPath, Assign;
 * JSONata:  Arguments -> (body) -> Output, Assign (with `$states.input/result/errorOutput/context`).
 */
import { evaluateField, fillTemplate, readPath, resultPath, type StatesBinding } from "./expressions";
import type { StateRun } from "./states/state";
import { isPromise, type MaybePromise } from "./maybe";

/** JSONPath InputPath: absent = `$`, null = `{}`. */
export function inputPath(run: StateRun): unknown {
  const path = run.state.raw.InputPath;
  if (path === undefined) return run.input;
  if (path === null) return {};
  return readPath(path as string, run.input, run.env, run);
}

/** JSONPath payload template field (Parameters, ItemSelector, ...) applied to `input`. */
export function template(run: StateRun, field: string, input: unknown, context?: unknown): unknown {
  const value = run.state.raw[field];
  if (value === undefined) return input;
  return fillTemplate(value, input, run.env, context ?? run, field);
}

/** JSONPath ResultPath against the state's raw input. */
export function placeResult(run: StateRun, result: unknown, path = run.state.raw.ResultPath): unknown {
  if (path === null) return run.input;
  return resultPath(run.input, path as string | undefined, result);
}

/** JSONPath OutputPath: absent = `$`, null = `{}`. */
export function outputPath(run: StateRun, value: unknown): unknown {
  const path = run.state.raw.OutputPath;
  if (path === undefined) return value;
  if (path === null) return {};
  return readPath(path as string, value, run.env, run);
}

/** JSONPath Assign evaluated with `$` = `value`; undefined when the state has none. */
export function jsonPathAssign(run: StateRun, value: unknown, assign = run.state.raw.Assign): Record<string, unknown> | undefined {
  if (assign === undefined) return undefined;
  return fillTemplate(assign, value, run.env, run, "Assign") as Record<string, unknown>;
}

export function statesBinding(run: StateRun, extra?: { result?: unknown; errorOutput?: unknown }, context?: unknown): StatesBinding {
  const binding: StatesBinding = { input: run.input, context: context ?? run.context() };
  if (extra && "result" in extra) binding.result = extra.result;
  if (extra && "errorOutput" in extra) binding.errorOutput = extra.errorOutput;
  return binding;
}

/** JSONata Output: absent = `fallback`. */
export function jsonataOutput(
  run: StateRun,
  binding: StatesBinding,
  fallback: unknown,
  output = run.state.raw.Output,
): MaybePromise<unknown> {
  if (output === undefined) return fallback;
  return evaluateField("Output", output, binding, run.env);
}

/** JSONata Assign; undefined when the state has none. */
export function jsonataAssign(
  run: StateRun,
  binding: StatesBinding,
  assign = run.state.raw.Assign,
): MaybePromise<Record<string, unknown> | undefined> {
  if (assign === undefined) return undefined;
  return evaluateField("Assign", assign, binding, run.env) as MaybePromise<Record<string, unknown>>;
}

/** JSONata Arguments (or another input-side field); absent = `fallback`. */
export function jsonataField(run: StateRun, field: string, fallback: unknown, context?: unknown): MaybePromise<unknown> {
  const value = run.state.raw[field];
  if (value === undefined) return fallback;
  return evaluateField(field, value, statesBinding(run, undefined, context), run.env);
}

/**
 * The common tail of Task/Parallel/Map (and Pass): from the state's result to its output and
 * assignments, in either query language.
 */
export function finishWithResult(run: StateRun, result: unknown, context?: unknown): MaybePromise<FinishedResult> {
  if (run.state.ql === "JSONata") return finishJsonata(run, result, context);
  const raw = run.state.raw;
  // Assign sees the raw result; ResultSelector only shapes what ResultPath places.
  const assign = jsonPathAssign(run, result);
  const selected = raw.ResultSelector !== undefined ? template(run, "ResultSelector", result, context) : result;
  return { output: outputPath(run, placeResult(run, selected)), assign };
}

export interface FinishedResult {
  output: unknown;
  assign?: Record<string, unknown>;
}

function finishJsonata(run: StateRun, result: unknown, context?: unknown): MaybePromise<FinishedResult> {
  const binding = statesBinding(run, { result }, context);
  return jsonataOutputAndAssign(run, binding, result);
}

/** JSONata Assign then Output (AWS evaluates both against the same `$states`). */
export function jsonataOutputAndAssign(
  run: StateRun,
  binding: StatesBinding,
  fallback: unknown,
  assignField = run.state.raw.Assign,
  outputField = run.state.raw.Output,
): MaybePromise<FinishedResult> {
  return jsonataResult(run, binding, fallback, undefined, assignField, outputField);
}

/** `jsonataOutputAndAssign` as a state's result going to `next` (no promise when none is needed). */
export function jsonataResult(
  run: StateRun,
  binding: StatesBinding,
  fallback: unknown,
  next: string | undefined,
  assignField = run.state.raw.Assign,
  outputField = run.state.raw.Output,
): MaybePromise<FinishedResult & { next: string | undefined }> {
  const assign = jsonataAssign(run, binding, assignField);
  if (isPromise(assign)) return assign.then((settled) => withOutput(run, binding, fallback, next, outputField, settled));
  return withOutput(run, binding, fallback, next, outputField, assign);
}

function withOutput(
  run: StateRun,
  binding: StatesBinding,
  fallback: unknown,
  next: string | undefined,
  outputField: unknown,
  assign: Record<string, unknown> | undefined,
): MaybePromise<FinishedResult & { next: string | undefined }> {
  const output = jsonataOutput(run, binding, fallback, outputField);
  if (isPromise(output)) return output.then((settled) => ({ output: settled, assign, next }));
  return { output, assign, next };
}
