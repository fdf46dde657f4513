/**
 * The one place where the engine calls the expression layer (paths/, jsonata/, choice/): every
 * state goes through these helpers, so the environment is assembled the same way everywhere.
 */
import { applyResultPath, evaluatePayloadTemplate, evaluateReferencePath } from "../paths";
import type { ExpressionEnv } from "../paths/env";
import { runJsonataTemplate } from "../jsonata";
import { evaluateChoiceRule } from "../choice";
import type { Environment } from "./environment";
import type { MaybePromise } from "./maybe";

/** Something that builds the context object on demand (a StateRun): most expressions never read `$$`. */
export interface ContextSource {
  readonly isContextSource: true;
  context(): Record<string, unknown>;
}

function isContextSource(value: unknown): value is ContextSource {
  return (value as Partial<ContextSource> | null)?.isContextSource === true;
}

/** An ExpressionEnv whose `context` is built on first read. */
class LazyContextEnv implements ExpressionEnv {
  constructor(
    readonly input: unknown,
    private readonly source: ContextSource,
    readonly variables: Record<string, unknown>,
    readonly random: ExpressionEnv["random"],
  ) {}

  get context(): unknown {
    return this.source.context();
  }
}

/** The expression layer's view of a state: `context` is the context object or its source. */
export function expressionEnv(env: Environment, input: unknown, context: unknown): ExpressionEnv {
  if (isContextSource(context)) return new LazyContextEnv(input, context, env.variables, env.runtime.random);
  return { input, context, variables: env.variables, random: env.runtime.random };
}

/** InputPath / OutputPath / ItemsPath / *Path fields: `$.x`, `$$.x`, `$var.x`. */
export function readPath(path: string, input: unknown, env: Environment, context: unknown): unknown {
  if (path === "$") return input;
  return evaluateReferencePath(path, expressionEnv(env, input, context));
}

/** Parameters / ResultSelector / ItemSelector / Assign in JSONPath mode. */
export function fillTemplate(template: unknown, input: unknown, env: Environment, context: unknown, field?: string): unknown {
  return evaluatePayloadTemplate(template, expressionEnv(env, input, context), field);
}

export function resultPath(input: unknown, path: string | null | undefined, result: unknown): unknown {
  if (path === undefined || path === "$") return result;
  return applyResultPath(input, path, result);
}

export function choiceRule(rule: object, input: unknown, env: Environment, context: unknown): boolean {
  return evaluateChoiceRule(rule, expressionEnv(env, input, context));
}

/** What `$states` holds in JSONata mode. */
export interface StatesBinding {
  input: unknown;
  context: unknown;
  result?: unknown;
  errorOutput?: unknown;
}

/**
 * Evaluates a JSONata-mode field (`{% %}` strings anywhere inside `value`). `field` names the
 * field for AWS's error causes ("... specified for the field 'Output/result' ..."). Synchronous
 * when every expression ran in the fast evaluator; errors may be thrown or rejected.
 */
export function evaluateField(field: string, value: unknown, states: StatesBinding, env: Environment): MaybePromise<unknown> {
  const result = runJsonataTemplate(
    value,
    {
      states,
      variables: env.variables,
      random: env.runtime.random,
      partition: env.runtime.partition,
      now: env.runtime.nowDate,
      guard: env.runtime.guard,
    },
    field,
  );
  // A guarded evaluation may wait for the host's event loop (see EvaluationGuard): outside work.
  return env.runtime.guard && result instanceof Promise ? env.runtime.scheduler.track(result) : result;
}

/** Fields that must hold a JSONata expression or a literal (no nested templates). */
export function isExpression(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("{%") && value.endsWith("%}");
}
