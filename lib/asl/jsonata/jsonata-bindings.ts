import type { EvaluationGuard } from "../ports";
import type { RandomPort } from "../paths/env";

/** What a JSONata expression sees: `$states` (input/result/errorOutput/context) and the variables. */
export interface JsonataBindings {
  states: { input: unknown; result?: unknown; errorOutput?: unknown; context: unknown };
  /** Read with `name in variables`, so a prototype chain of scopes works. */
  variables: Record<string, unknown>;
  /** `$random()` and `$uuid()` draw from this port. */
  random: RandomPort;
  /** The AWS partition of the execution (reserved; `$partition` is AWS's array function). */
  partition?: string;
  /** Clock for `$now()` / `$millis()`; when absent they use the wall clock as jsonata does. */
  now?: () => Date;
  /** Bounds each evaluation through jsonata (see EvaluationGuard); unbounded when absent. */
  guard?: EvaluationGuard;
}
