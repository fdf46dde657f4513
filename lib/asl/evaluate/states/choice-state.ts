import { DefinitionError, StatesError } from "../../errors";
import { choiceRule, evaluateField, isExpression, type StatesBinding } from "../expressions";
import { inputPath, jsonataResult, jsonPathAssign, outputPath, statesBinding } from "../io-processing";
import { isPromise } from "../maybe";
import { toJson } from "../payload";
import { State, type StateResult, type StateRun } from "./state";

interface ChoiceRule extends Record<string, unknown> {
  Next?: string;
  Condition?: unknown;
  Assign?: unknown;
  Output?: unknown;
}

/** Choice: the first matching rule picks the next state; else Default; else NoChoiceMatched. */
export class ChoiceState extends State {
  readonly choices: ChoiceRule[] = Array.isArray(this.raw.Choices) ? checkRules(this.raw.Choices, `States.${this.name}.Choices`) : [];
  readonly defaultNext: string | undefined = typeof this.raw.Default === "string" ? this.raw.Default : undefined;

  override targets(): string[] {
    const names = this.choices.map((rule) => rule.Next).filter((n): n is string => typeof n === "string");
    if (this.defaultNext) names.push(this.defaultNext);
    return names;
  }

  protected execute(run: StateRun): StateResult | Promise<StateResult> {
    return this.ql === "JSONata" ? this.executeJsonata(run) : this.executeJsonPath(run);
  }

  private executeJsonPath(run: StateRun): StateResult {
    const effective = inputPath(run);
    for (const rule of this.choices) {
      if (choiceRule(rule, effective, run.env, run)) {
        const assign = jsonPathAssign(run, effective, rule.Assign);
        return { output: outputPath(run, effective), next: rule.Next, assign };
      }
    }
    if (this.defaultNext === undefined) throw noChoiceMatched(run);
    const assign = jsonPathAssign(run, effective);
    return { output: outputPath(run, effective), next: this.defaultNext, assign };
  }

  private executeJsonata(run: StateRun): StateResult | Promise<StateResult> {
    return this.firstJsonataMatch(run, statesBinding(run), 0);
  }

  /** Tries the rules from `from` on; synchronous while their conditions evaluate synchronously. */
  private firstJsonataMatch(run: StateRun, binding: StatesBinding, from: number): StateResult | Promise<StateResult> {
    for (let i = from; i < this.choices.length; i++) {
      const rule = this.choices[i];
      const condition = isExpression(rule.Condition) ? evaluateField("Condition", rule.Condition, binding, run.env) : rule.Condition;
      if (isPromise(condition)) {
        return condition.then((settled) =>
          this.matches(rule, settled) ? this.take(run, binding, rule) : this.firstJsonataMatch(run, binding, i + 1),
        );
      }
      if (this.matches(rule, condition)) return this.take(run, binding, rule);
    }
    if (this.defaultNext === undefined) throw noChoiceMatched(run);
    const next = this.defaultNext;
    return jsonataResult(run, binding, run.input, next);
  }

  private matches(rule: ChoiceRule, condition: unknown): boolean {
    if (typeof condition !== "boolean") {
      throw new StatesError(
        "States.QueryEvaluationError",
        `The JSONata expression '${String(rule.Condition)}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${typeName(condition)}' for value: ${toJson(condition)}`,
      );
    }
    return condition;
  }

  private take(run: StateRun, binding: StatesBinding, rule: ChoiceRule): StateResult | Promise<StateResult> {
    return jsonataResult(run, binding, run.input, rule.Next, rule.Assign, rule.Output);
  }
}

function isRule(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Every rule, and every rule nested in And/Or/Not, must be a JSON object (AWS refuses such a
 * definition when it is created); the DefinitionError names the state and the field.
 */
function checkRules(rules: unknown[], at: string): ChoiceRule[] {
  rules.forEach((rule, i) => checkRule(rule, `${at}[${i}]`));
  return rules as ChoiceRule[];
}

function checkRule(rule: unknown, at: string): void {
  if (!isRule(rule))
    throw new DefinitionError(
      `a Choice rule must be a JSON object, but was ${rule === null ? "null" : Array.isArray(rule) ? "an array" : typeof rule}`,
      at,
    );
  for (const key of ["And", "Or"] as const) {
    const nested = rule[key];
    if (nested === undefined) continue;
    if (!Array.isArray(nested)) throw new DefinitionError(`${key} must be an array of Choice rules`, `${at}.${key}`);
    nested.forEach((child, i) => checkRule(child, `${at}.${key}[${i}]`));
  }
  if (rule.Not !== undefined) checkRule(rule.Not, `${at}.Not`);
}

function noChoiceMatched(run: StateRun): StatesError {
  return new StatesError("States.NoChoiceMatched", `No Matches! (state '${run.state.name}' has no matching Choice rule and no Default)`);
}

export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}
