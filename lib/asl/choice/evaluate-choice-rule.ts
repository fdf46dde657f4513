import { StatesError } from "../errors";
import { MISSING } from "../paths/definite-path";
import type { ExpressionEnv } from "../paths/env";
import { lookupReference } from "../paths/evaluate-reference-path";
import { COMPARATORS, TYPE_TESTS } from "./comparison-operators";

type CompiledRule = (env: ExpressionEnv) => boolean;

const compiledRules = new WeakMap<object, CompiledRule>();

function invalidValue(path: string): StatesError {
  return new StatesError("States.Runtime", `Invalid path '${path}': The choice state's condition path references an invalid value.`);
}

function read(path: string, env: ExpressionEnv): unknown {
  const value = lookupReference(path, env);
  if (value === MISSING) throw invalidValue(path);
  return value;
}

function compile(rule: Record<string, unknown>): CompiledRule {
  const cached = compiledRules.get(rule);
  if (cached) return cached;
  const compiled = build(rule);
  compiledRules.set(rule, compiled);
  return compiled;
}

function build(rule: Record<string, unknown>): CompiledRule {
  if (Array.isArray(rule.And)) {
    const parts = rule.And.map((child) => compile(child as Record<string, unknown>));
    return (env) => parts.every((part) => part(env));
  }
  if (Array.isArray(rule.Or)) {
    const parts = rule.Or.map((child) => compile(child as Record<string, unknown>));
    return (env) => parts.some((part) => part(env));
  }
  if (typeof rule.Not === "object" && rule.Not !== null) {
    const inner = compile(rule.Not as Record<string, unknown>);
    return (env) => !inner(env);
  }
  const variable = rule.Variable;
  if (typeof variable !== "string") return invalidRule(`a Choice rule needs a Variable, And, Or or Not`);
  for (const key of Object.keys(rule)) {
    const test = TYPE_TESTS[key];
    if (test) {
      const expected = rule[key];
      return (env) => {
        const value = lookupReference(variable, env);
        return test(value, value !== MISSING) === expected;
      };
    }
    const comparator = COMPARATORS[key];
    if (comparator) {
      const operand = rule[key];
      return (env) => comparator(read(variable, env), operand);
    }
    if (key.endsWith("Path") && COMPARATORS[key.slice(0, -4)]) {
      const byPath = COMPARATORS[key.slice(0, -4)];
      const operandPath = rule[key];
      if (typeof operandPath !== "string") return invalidRule(`${key} must be a path`);
      return (env) => byPath(read(variable, env), read(operandPath, env));
    }
  }
  return invalidRule(`no comparison operator in the Choice rule for ${variable}`);
}

function invalidRule(reason: string): CompiledRule {
  return () => {
    throw new StatesError("States.Runtime", `Invalid Choice rule: ${reason}`);
  };
}

/**
 * Evaluates a JSONPath-mode Choice rule: the value comparisons (String*, Numeric*, Boolean*,
 * Timestamp*, StringMatches and their `*Path` forms), the type tests (IsPresent, IsNull,
 * IsNumeric, IsString, IsBoolean, IsTimestamp) and And/Or/Not. A comparison against a value of
 * another type is false; a Variable (or operand path) that matches nothing fails with
 * States.Runtime `Invalid path '$.x': The choice state's condition path references an invalid value.`
 * Rules are compiled once per object identity.
 */
export function evaluateChoiceRule(rule: object, env: ExpressionEnv): boolean {
  return compile(rule as Record<string, unknown>)(env);
}
