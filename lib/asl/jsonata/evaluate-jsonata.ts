import { ExecutionTermination } from "../evaluate/termination";
import { EvaluationLimitExceeded } from "../ports";
import { HIDDEN_BINDING, type HiddenServices } from "./aws-functions";
import { compileExpression, type CompiledExpression } from "./compile-expression";
import { BAIL } from "./fast/compile-fast";
import type { FastScope } from "./fast/fast-path";
import type { JsonataBindings } from "./jsonata-bindings";
import { QueryEvaluationError } from "./query-evaluation-error";
import { toJsonValue, UnsupportedResult } from "./to-json-value";

function describe(expression: string, field: string | undefined): string {
  return field === undefined
    ? `The JSONata expression '${expression}'`
    : `The JSONata expression '${expression}' specified for the field '${field}'`;
}

function errorText(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const text = typeof message === "string" ? message : String(error);
    return typeof code === "string" ? `${code}: ${text}` : text;
  }
  return String(error);
}

function thrown(text: string, field: string | undefined, error: unknown): QueryEvaluationError {
  return new QueryEvaluationError(`${describe(text, field)} threw an error during evaluation. ${errorText(error)}`, field);
}

/** `$states` as expressions see it: result/errorOutput only when the state has them. */
function statesOf(bindings: JsonataBindings): Record<string, unknown> {
  const given = bindings.states;
  // The binding itself when it already has this shape (no result/errorOutput keys at all).
  if (!("result" in given) && !("errorOutput" in given)) return given as Record<string, unknown>;
  const states: Record<string, unknown> = { input: bindings.states.input, context: bindings.states.context };
  if (bindings.states.result !== undefined) states.result = bindings.states.result;
  if (bindings.states.errorOutput !== undefined) states.errorOutput = bindings.states.errorOutput;
  return states;
}

/** The scope the fast evaluator reads (build once per set of bindings, reuse across expressions). */
export function fastScopeOf(bindings: JsonataBindings): FastScope {
  return { states: statesOf(bindings), variables: bindings.variables };
}

function bindingsFor(
  compiled: CompiledExpression,
  bindings: JsonataBindings,
  states: unknown,
  check: (() => void | Promise<void>) | undefined,
): Record<string, unknown> {
  const services: HiddenServices = { random: bindings.random, now: bindings.now, check };
  const out: Record<string, unknown> = { [HIDDEN_BINDING]: services };
  const variables = bindings.variables;
  for (const name of compiled.variables) {
    if (name !== "states" && name in variables) out[name] = variables[name];
  }
  out.states = states;
  return out;
}

function finish(text: string, field: string | undefined, result: unknown): unknown {
  if (result === undefined) {
    throw new QueryEvaluationError(`${describe(text, field)} returned nothing (undefined).`, field);
  }
  try {
    return toJsonValue(result);
  } catch (error) {
    if (error instanceof UnsupportedResult) {
      throw new QueryEvaluationError(`${describe(text, field)} returned an unsupported result type.`, field);
    }
    throw error;
  }
}

async function evaluateWithJsonata(
  text: string,
  compiled: CompiledExpression,
  bindings: JsonataBindings,
  states: unknown,
  field: string | undefined,
): Promise<unknown> {
  let result: unknown;
  const check = bindings.guard?.begin();
  try {
    const expression = check ? compiled.guarded() : compiled.expression;
    result = await expression.evaluate(undefined, bindingsFor(compiled, bindings, states, check));
  } catch (error) {
    // A guard's limit ends the execution (no Retry or Catch sees it), as the history limit does.
    if (error instanceof EvaluationLimitExceeded)
      throw new ExecutionTermination("FAILED", "States.Runtime", `${describe(text, field)} ${error.message}.`);
    throw thrown(text, field, error);
  }
  return finish(text, field, result);
}

/** A `{% %}` body prepared once: its trimmed text and compiled form (or the syntax error). */
export interface PreparedJsonata {
  text: string;
  compiled?: CompiledExpression;
  syntaxError?: unknown;
}

export function prepareJsonata(expression: string): PreparedJsonata {
  const text = expression.trim();
  try {
    return { text, compiled: compileExpression(text) };
  } catch (error) {
    return { text, syntaxError: error };
  }
}

/**
 * Evaluates a prepared expression. Runs synchronously through the fast evaluator when it can
 * (see fast/compile-fast.ts), else through jsonata (a promise); errors are thrown or rejected as
 * States.QueryEvaluationError either way.
 */
export function runPreparedJsonata(
  prepared: PreparedJsonata,
  bindings: JsonataBindings,
  field: string | undefined,
  scope?: FastScope,
): unknown {
  const { text, compiled } = prepared;
  if (!compiled) throw thrown(text, field, prepared.syntaxError);
  if (compiled.fast) {
    const result = compiled.fast(scope ?? fastScopeOf(bindings));
    if (result !== BAIL) {
      // The fast evaluator's results are plain JSON already (no sequences, nothing undefined).
      if (result === undefined) throw new QueryEvaluationError(`${describe(text, field)} returned nothing (undefined).`, field);
      return result;
    }
  }
  return evaluateWithJsonata(text, compiled, bindings, scope ? scope.states : statesOf(bindings), field);
}

/**
 * Evaluates the text inside `{% %}` with AWS's `$states` binding, the variables in scope and AWS's
 * added functions ($partition, $range, $hash, $random, $uuid, $parse; $eval refused). Errors are
 * States.QueryEvaluationError with AWS's causes: `The JSONata expression '<expr>' specified for
 * the field '<field>' returned nothing (undefined).` / `... threw an error during evaluation.
 * T1006: Attempted to invoke a non-function`. `field` (e.g. `Output/result`) is also the error's
 * `location`.
 */
export async function evaluateJsonata(expression: string, bindings: JsonataBindings, field?: string): Promise<unknown> {
  return runPreparedJsonata(prepareJsonata(expression), bindings, field);
}
