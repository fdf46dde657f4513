/**
 * The input and output processing of one recorded state run, step by step, as the interpreter
 * applies it: the value after InputPath, Parameters, the result, ResultSelector, ResultPath and
 * OutputPath (JSONPath), or after Arguments, the result and Output (JSONata). The dashboard shows
 * these steps for a state run of a stored history, where only the state's input, its task result
 * and its output were recorded; TestState's inspectionData reads the same steps.
 */
import { applyResultPath, evaluatePayloadTemplate, evaluateReferencePath } from "./paths";
import type { ExpressionEnv } from "./paths/env";
import { runJsonataTemplate } from "./jsonata";
import { findCatcher } from "./evaluate/retry-catch";
import { EvaluationLimitExceeded, seededRandom, type EvaluationGuard } from "./ports";

export type DataFlowField =
  | "Input"
  | "InputPath"
  | "Parameters"
  | "ItemsPath"
  | "Items"
  | "Arguments"
  | "Condition"
  | "Result"
  | "ResultSelector"
  | "ResultPath"
  | "OutputPath"
  | "Output"
  | "Error output"
  | "Catch ResultPath"
  | "Catch Output";

export interface DataFlowStep {
  field: DataFlowField;
  /** the field as the definition writes it; absent when the definition leaves it out (its default applies) */
  expression?: unknown;
  /** the value after this step (absent when `error` or `unavailable` says why) */
  value?: unknown;
  /** taken from the history rather than computed */
  recorded?: boolean;
  /** the evaluation failed: the interpreter's message */
  error?: string;
  /** the value cannot be known from the history (e.g. a Map's result when no iteration output was kept) */
  unavailable?: string;
  /** what the step decided (e.g. which Choice rule matched) */
  note?: string;
}

export interface DataFlowRun {
  /** the state as the definition writes it */
  state: Record<string, unknown>;
  /** the state's effective query language (its own, else the machine's) */
  queryLanguage: "JSONPath" | "JSONata";
  /** the state's input as recorded on its entered event */
  input: unknown;
  /** the task's (or Map/Parallel's) result, when the history has it */
  result?: { value: unknown };
  /** the error that left the state, when it failed */
  failure?: { error: string; cause: string | null };
  /** the context object (`$$`, `$states.context`) as far as the history tells it */
  context?: Record<string, unknown>;
  /** variables in scope as the state was entered */
  variables?: Record<string, unknown>;
  /** the output recorded on the state's exit event, to compare with */
  recordedOutput?: { value: unknown };
  /** time budget for all JSONata evaluations (ms); the steps say when it ran out */
  timeLimitMs?: number;
}

export interface DataFlow {
  steps: DataFlowStep[];
  /** the last step's value equals the recorded output (undefined when either is missing) */
  matchesRecorded?: boolean;
}

const MISSING = Symbol("missing");
type Value = unknown | typeof MISSING;

/** The steps of one state run (pure; JSONata expressions run under a time budget, default 1 s). */
export async function dataFlowSteps(run: DataFlowRun): Promise<DataFlow> {
  const flow = new Flow(run);
  if (run.queryLanguage === "JSONata") await flow.jsonata();
  else flow.jsonPath();
  const last = [...flow.steps].reverse().find((s) => "value" in s);
  const comparable = run.recordedOutput !== undefined && last !== undefined && flow.steps.at(-1) === last;
  return {
    steps: flow.steps,
    ...(comparable ? { matchesRecorded: sameJson(last.value, run.recordedOutput!.value) } : {}),
  };
}

class Flow {
  readonly steps: DataFlowStep[] = [];
  private readonly raw: Record<string, unknown>;
  private readonly type: string;
  private readonly guard: EvaluationGuard;
  private readonly random = seededRandom();

  constructor(private readonly run: DataFlowRun) {
    this.raw = run.state;
    this.type = String(run.state.Type ?? "");
    this.guard = deadlineGuard(run.timeLimitMs ?? 1000);
  }

  jsonPath(): void {
    const { raw, run } = this;
    this.push({ field: "Input", value: run.input, recorded: true });
    if (this.type === "Fail") return;
    let effective: Value = this.step("InputPath", raw.InputPath, () =>
      raw.InputPath === null ? {} : this.path(raw.InputPath as string | undefined, run.input),
    );
    if (run.failure) return this.caughtJsonPath();
    if (["Choice", "Wait", "Succeed"].includes(this.type)) {
      this.step("OutputPath", raw.OutputPath, () => this.outputPath(effective));
      return;
    }
    if (this.type === "Map") {
      const itemsPath = raw.ItemsPath;
      this.step("ItemsPath", itemsPath, () => this.path(itemsPath as string | undefined, effective));
    } else if (raw.Parameters !== undefined) {
      effective = this.step("Parameters", raw.Parameters, () => this.template(raw.Parameters, effective, "Parameters"));
    }
    let result: Value;
    if (this.type === "Pass") {
      result = raw.Result !== undefined ? this.push({ field: "Result", expression: raw.Result, value: raw.Result }) : effective;
    } else if (run.result) {
      result = this.push({ field: "Result", value: run.result.value, recorded: true });
    } else {
      this.steps.push({ field: "Result", unavailable: "the history does not record this state's result" });
      result = MISSING;
    }
    if (raw.ResultSelector !== undefined)
      result = this.step("ResultSelector", raw.ResultSelector, () => this.template(raw.ResultSelector, result, "ResultSelector"));
    const placed = this.step("ResultPath", raw.ResultPath, () =>
      raw.ResultPath === null ? run.input : applyResultPath(run.input, raw.ResultPath as string | undefined, need(result)),
    );
    this.step("OutputPath", raw.OutputPath, () => this.outputPath(placed));
  }

  /** A failed state's error output placed by the Catch that took it. */
  private caughtJsonPath(): void {
    const errorOutput = this.errorOutput();
    const catcher = this.catcher();
    if (!catcher) return;
    const resultPath = catcher.ResultPath;
    this.step("Catch ResultPath", resultPath, () =>
      resultPath === null ? this.run.input : applyResultPath(this.run.input, resultPath as string | undefined, errorOutput),
    );
  }

  async jsonata(): Promise<void> {
    const { raw, run } = this;
    this.push({ field: "Input", value: run.input, recorded: true });
    if (this.type === "Fail") return;
    if (run.failure) {
      const errorOutput = this.errorOutput();
      const catcher = this.catcher();
      if (catcher?.Output !== undefined)
        await this.step("Catch Output", catcher.Output, () => this.jsonataValue(catcher.Output, "Output", { errorOutput }));
      else if (catcher) this.push({ field: "Catch Output", value: errorOutput });
      return;
    }
    if (this.type === "Map" && raw.Items !== undefined)
      await this.step("Items", raw.Items, () => this.jsonataValue(raw.Items, "Items", {}));
    if ((this.type === "Task" || this.type === "Parallel") && raw.Arguments !== undefined)
      await this.step("Arguments", raw.Arguments, () => this.jsonataValue(raw.Arguments, "Arguments", {}));
    let output = raw.Output;
    if (this.type === "Choice") {
      const rule = await this.matchedRule();
      if (rule === MISSING) return;
      // a matched rule has its own Output (none: the input passes on); the Default has the state's
      output = rule === undefined ? raw.Output : rule.Output;
      if (output === undefined) return;
    }
    let result: Value = run.input;
    if (["Task", "Parallel", "Map"].includes(this.type)) {
      if (run.result) result = this.push({ field: "Result", value: run.result.value, recorded: true });
      else {
        this.steps.push({ field: "Result", unavailable: "the history does not record this state's result" });
        result = MISSING;
      }
    }
    if (output !== undefined)
      await this.step("Output", output, () => this.jsonataValue(output, "Output", result === MISSING ? {} : { result }));
    else if (result !== MISSING && result !== run.input) this.push({ field: "Output", value: result });
  }

  /** The first Choice rule whose Condition holds (undefined: the Default), as a "Condition" step. */
  private async matchedRule(): Promise<Record<string, unknown> | undefined | typeof MISSING> {
    const rules = Array.isArray(this.raw.Choices) ? (this.raw.Choices as Record<string, unknown>[]) : [];
    for (const [i, rule] of rules.entries()) {
      const holds = await this.step("Condition", rule.Condition, () =>
        typeof rule.Condition === "string" ? this.jsonataValue(rule.Condition, "Condition", {}) : rule.Condition,
      );
      if (holds === MISSING) return MISSING;
      if (holds === true) {
        // the state's input passes on; the step records the decision
        Object.assign(this.steps.at(-1)!, { value: this.run.input, note: `rule ${i + 1} matched: next ${String(rule.Next)}` });
        return rule;
      }
      this.steps.pop();
    }
    this.steps.push({ field: "Condition", note: "no rule matched: the Default applies", value: this.run.input });
    return undefined;
  }

  private errorOutput(): Value {
    const failure = this.run.failure!;
    const value = { Error: failure.error, Cause: failure.cause ?? "" };
    return this.push({ field: "Error output", value, recorded: true });
  }

  private catcher(): Record<string, unknown> | undefined {
    const catchers = Array.isArray(this.raw.Catch) ? (this.raw.Catch as unknown[]) : [];
    const parsed = catchers
      .filter(
        (c): c is Record<string, unknown> =>
          typeof c === "object" && c !== null && Array.isArray((c as { ErrorEquals?: unknown }).ErrorEquals),
      )
      .map((c) => ({ errorEquals: c.ErrorEquals as string[], raw: c }));
    const found = findCatcher(
      parsed.map((p) => ({ errorEquals: p.errorEquals, next: "", resultPath: undefined, output: undefined, assign: undefined })),
      this.run.failure!.error,
    );
    return found ? parsed[parsed.findIndex((p) => p.errorEquals === found.errorEquals)].raw : undefined;
  }

  private outputPath(value: Value): unknown {
    const path = this.raw.OutputPath;
    if (path === null) return {};
    return this.path(path as string | undefined, value);
  }

  private path(path: string | undefined, value: Value): unknown {
    const input = need(value);
    if (path === undefined || path === "$") return input;
    return evaluateReferencePath(path, this.env(input));
  }

  private template(template: unknown, value: Value, field: string): unknown {
    return evaluatePayloadTemplate(template, this.env(need(value)), field);
  }

  private jsonataValue(value: unknown, field: string, extra: { result?: unknown; errorOutput?: unknown }): unknown {
    const evaluated = runJsonataTemplate(
      value,
      {
        states: { input: this.run.input, context: this.run.context ?? {}, ...extra },
        variables: this.run.variables ?? {},
        random: this.random,
        guard: this.guard,
      },
      field,
    );
    return evaluated;
  }

  private env(input: unknown): ExpressionEnv {
    return { input, context: this.run.context ?? {}, variables: this.run.variables ?? {}, random: this.random };
  }

  private push(step: DataFlowStep): unknown {
    this.steps.push(step);
    return step.value;
  }

  /**
   * Runs one step; a failure (or a missing earlier value) ends the flow's values at this step.
   * Synchronous when `compute` is (JSONPath); a promise when it returns one (full JSONata).
   */
  private step(field: DataFlowField, expression: unknown, compute: () => unknown): Value {
    const step: DataFlowStep = { field };
    if (expression !== undefined) step.expression = expression;
    this.steps.push(step);
    if (this.steps.some((s) => s.error !== undefined || s.unavailable !== undefined)) {
      step.unavailable = "an earlier step has no value";
      return MISSING;
    }
    const failed = (error: unknown) => {
      step.error = messageOf(error);
      return MISSING;
    };
    try {
      const value = compute();
      if (value instanceof Promise) return value.then((settled) => (step.value = settled), failed);
      step.value = value;
      return value;
    } catch (error) {
      return failed(error);
    }
  }
}

function need(value: Value): unknown {
  if (value === MISSING) throw new Error("an earlier step has no value");
  return value;
}

function messageOf(error: unknown): string {
  if (error instanceof EvaluationLimitExceeded) return `stopped: ${error.message}`;
  const e = error as { error?: unknown; cause?: unknown; message?: unknown };
  if (typeof e?.error === "string") return typeof e.cause === "string" && e.cause ? `${e.error}: ${e.cause}` : e.error;
  return typeof e?.message === "string" ? e.message : String(error);
}

/** All JSONata evaluations of one flow together may take `ms` of wall time. */
function deadlineGuard(ms: number): EvaluationGuard {
  const deadline = Date.now() + ms;
  return {
    begin: () => () => {
      if (Date.now() > deadline) throw new EvaluationLimitExceeded(`its ${ms} ms time limit`);
    },
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => sameJson(v, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as never)[k], (b as never)[k]))
  );
}
