import { HIDDEN_BINDING, type HiddenServices } from "./aws-functions";
import { compileExpression, type CompiledExpression } from "./compile-expression";
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

function bindingsFor(compiled: CompiledExpression, bindings: JsonataBindings): Record<string, unknown> {
  const states: Record<string, unknown> = { input: bindings.states.input, context: bindings.states.context };
  if (bindings.states.result !== undefined) states.result = bindings.states.result;
  if (bindings.states.errorOutput !== undefined) states.errorOutput = bindings.states.errorOutput;
  const services: HiddenServices = { random: bindings.random, now: bindings.now };
  const out: Record<string, unknown> = { [HIDDEN_BINDING]: services };
  const variables = bindings.variables;
  for (const name of compiled.variables) {
    if (name !== "states" && name in variables) out[name] = variables[name];
  }
  out.states = states;
  return out;
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
  const text = expression.trim();
  let result: unknown;
  try {
    const compiled = compileExpression(text);
    result = await compiled.expression.evaluate(undefined, bindingsFor(compiled, bindings));
  } catch (error) {
    throw new QueryEvaluationError(
      `${describe(text, field)} threw an error during evaluation. ${errorText(error)}`,
      field,
    );
  }
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
