import { StatesError } from "../errors";
import { evaluateIntrinsic } from "../intrinsics/evaluate-intrinsic";
import { isIntrinsicCall } from "../intrinsics/parse-intrinsic";
import { MISSING } from "./definite-path";
import type { ExpressionEnv } from "./env";
import { lookupReference } from "./evaluate-reference-path";

type Compiled = (env: ExpressionEnv) => unknown;

/** Compiled templates by object identity; `null` marks a template with nothing to evaluate. */
const compiledTemplates = new WeakMap<object, Compiled | null>();

function bindingEvaluator(key: string, value: unknown): Compiled {
  if (typeof value === "string" && isIntrinsicCall(value)) return (env) => evaluateIntrinsic(value, env);
  if (typeof value === "string" && value.startsWith("$")) {
    return (env) => {
      const result = lookupReference(value, env);
      if (result === MISSING) {
        throw new StatesError(
          "States.Runtime",
          `The JSONPath '${value}' specified for the field '${key}' could not be found in the input '${JSON.stringify(env.input ?? null)}'`,
        );
      }
      return result;
    };
  }
  return () => {
    throw new StatesError("States.Runtime", `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`);
  };
}

function compile(node: object): Compiled | null {
  if (compiledTemplates.has(node)) return compiledTemplates.get(node)!;
  let compiled: Compiled | null = null;
  if (Array.isArray(node)) {
    const items = node.map((item) => (typeof item === "object" && item !== null ? compile(item) : null));
    if (items.some(Boolean)) compiled = (env) => node.map((item, i) => (items[i] ? items[i]!(env) : item));
  } else {
    const entries: { key: string; value: unknown; run: Compiled | null }[] = [];
    let dynamic = false;
    for (const [key, value] of Object.entries(node)) {
      if (key.endsWith(".$")) {
        entries.push({ key: key.slice(0, -2), value, run: bindingEvaluator(key, value) });
        dynamic = true;
      } else {
        const run = typeof value === "object" && value !== null ? compile(value) : null;
        if (run) dynamic = true;
        entries.push({ key, value, run });
      }
    }
    if (dynamic) {
      compiled = (env) => {
        const out: Record<string, unknown> = {};
        for (const entry of entries) out[entry.key] = entry.run ? entry.run(env) : entry.value;
        return out;
      };
    }
  }
  compiledTemplates.set(node, compiled);
  return compiled;
}

/**
 * JSONPath-mode payload templates (Parameters, ResultSelector, ItemSelector, Assign): keys ending
 * in `.$` are replaced by the value of their path (`$.a`, `$$.Map.Item.Value`, `$var.x`) or
 * intrinsic call, recursively through objects and arrays; other values are copied literally.
 * A path that selects nothing fails with States.Runtime: `The JSONPath '$.x' specified for the
 * field 'key.$' could not be found in the input '<input JSON>'`. Templates are compiled once per
 * object identity; literal parts of the result are shared with the definition, so treat the
 * result as immutable. `field` names the template's field (kept for error reporting).
 */
export function evaluatePayloadTemplate(template: unknown, env: ExpressionEnv, field?: string): unknown {
  void field;
  if (typeof template !== "object" || template === null) return template;
  const compiled = compile(template);
  return compiled ? compiled(env) : template;
}
