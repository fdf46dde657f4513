import jsonata from "jsonata";
import { AWS_FUNCTIONS, HIDDEN_BINDING, type HiddenServices } from "./aws-functions";
import { compileFast, type FastExpression } from "./fast/compile-fast";

export interface CompiledExpression {
  expression: jsonata.Expression;
  /** Names of the `$variables` the expression mentions (only these are bound per evaluation). */
  variables: string[];
  /** The synchronous evaluator, when the expression is within its subset. */
  fast: FastExpression | undefined;
  /** The same expression calling its evaluation's guard check at every step (built on first use). */
  guarded(): jsonata.Expression;
}

const cache = new Map<string, CompiledExpression>();
const CACHE_LIMIT = 5_000;

let fromMillis: jsonata.Expression | undefined;

function clockOf(focus: { environment: { lookup(name: string): unknown } }): number {
  const services = focus.environment.lookup(HIDDEN_BINDING) as HiddenServices | undefined;
  return (services?.now ? services.now() : new Date()).getTime();
}

function collectVariables(node: unknown, names: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectVariables(item, names);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown>;
  if (record.type === "variable" && typeof record.value === "string" && record.value !== "") names.add(record.value);
  for (const key of Object.keys(record)) {
    const child = record[key];
    if (typeof child === "object" && child !== null) collectVariables(child, names);
  }
}

/**
 * Compiles (once per text) a JSONata expression with AWS's added functions registered and
 * `$now()`/`$millis()` bound to the evaluation's clock. Throws jsonata's syntax error objects.
 */
export function compileExpression(text: string): CompiledExpression {
  const hit = cache.get(text);
  if (hit) return hit;
  const expression = build(text);
  const names = new Set<string>();
  collectVariables(expression.ast(), names);
  let guarded: jsonata.Expression | undefined;
  const compiled: CompiledExpression = {
    expression,
    variables: [...names],
    fast: compileFast(expression.ast()),
    guarded() {
      if (!guarded) {
        guarded = build(text);
        guarded.assign(EVALUATE_ENTRY as never, guardStep);
      }
      return guarded;
    },
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, compiled);
  return compiled;
}

/** jsonata calls the function bound to this symbol as it starts evaluating each node. */
const EVALUATE_ENTRY = Symbol.for("jsonata.__evaluate_entry");

function guardStep(_node: unknown, _input: unknown, environment: { lookup(name: string): unknown }): void | Promise<void> {
  return (environment.lookup(HIDDEN_BINDING) as HiddenServices | undefined)?.check?.();
}

function build(text: string): jsonata.Expression {
  const expression = jsonata(text);
  for (const fn of AWS_FUNCTIONS) expression.registerFunction(fn.name, fn.impl as never, fn.signature);
  expression.registerFunction(
    "now",
    function (this: never, picture?: string, timezone?: string) {
      fromMillis ??= jsonata("$fromMillis($ms, $picture, $timezone)");
      return fromMillis.evaluate(undefined, { ms: clockOf(this), picture, timezone });
    } as never,
    "<s?s?:s>",
  );
  expression.registerFunction(
    "millis",
    function (this: never) {
      return clockOf(this);
    } as never,
    "<:n>",
  );
  return expression;
}
