import { seededRandom } from "../../ports";
import { HIDDEN_BINDING } from "../aws-functions";
import { compileExpression } from "../compile-expression";
import { toJsonValue } from "../to-json-value";
import { BAIL, compileFast } from "./compile-fast";

/** What an evaluation came to: a JSON value (undefined for "nothing") or a jsonata error code. */
export type Outcome = { value: unknown } | { error: string };

/** The expression run by jsonata itself, bound the way evaluateJsonata binds it. */
export async function viaJsonata(text: string, states: Record<string, unknown>, variables: Record<string, unknown>): Promise<Outcome> {
  const compiled = compileExpression(text);
  const bindings: Record<string, unknown> = { [HIDDEN_BINDING]: { random: seededRandom(), now: () => new Date(0) } };
  for (const name of compiled.variables) if (name !== "states" && name in variables) bindings[name] = variables[name];
  bindings.states = states;
  try {
    return { value: toJsonValue(await compiled.expression.evaluate(undefined, bindings)) };
  } catch (error) {
    return { error: String((error as { code?: unknown }).code ?? error) };
  }
}

/** The fast evaluator's answer: "unsupported" (not compiled), "bail" (handed over) or the value. */
export function viaFast(
  text: string,
  states: Record<string, unknown>,
  variables: Record<string, unknown>,
): "unsupported" | "bail" | { value: unknown } {
  const fast = compileFast(compileExpression(text).expression.ast());
  if (!fast) return "unsupported";
  const result = fast({ states, variables });
  if (result === BAIL) return "bail";
  const problem = notPlainJson(result, "$");
  if (problem) throw new Error(`fast result is not plain JSON at ${problem}`);
  return { value: result };
}

/** Where `value` holds something other than plain JSON (a flagged array, undefined, a function). */
export function notPlainJson(value: unknown, at: string): string | undefined {
  if (typeof value === "function") return at;
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    if (Object.keys(value).length !== value.length) return at;
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) return `${at}[${i}]`;
      const inner = notPlainJson(value[i], `${at}[${i}]`);
      if (inner) return inner;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) return `${at}.${key}`;
    const inner = notPlainJson(item, `${at}.${key}`);
    if (inner) return inner;
  }
  return undefined;
}
