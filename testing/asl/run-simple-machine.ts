/**
 * Test support only: a tiny interpreter for definitions made of Pass, Choice, Succeed and Fail
 * states, built from the expression layer, so recorded executions can check paths, payload
 * templates, intrinsics, Assign, JSONata and Choice rules end to end without the engine.
 */
import { evaluateChoiceRule } from "../../lib/asl/choice";
import { StatesError } from "../../lib/asl/errors";
import { evaluateJsonataTemplate } from "../../lib/asl/jsonata";
import type { ExpressionEnv } from "../../lib/asl/paths/env";
import { applyResultPath, evaluatePayloadTemplate, evaluateReferencePath, PathNotFoundError } from "../../lib/asl/paths/index";
import { contextFor, type RecordedCase } from "./recorded-cases";

export type SimpleOutcome = { status: "SUCCEEDED"; output: unknown } | { status: "FAILED"; error: string; cause: string };

const SUPPORTED = new Set(["Pass", "Choice", "Succeed", "Fail"]);
const random = { random: () => 0.5, uuid: () => "00000000-0000-4000-8000-000000000000" };

export function isSimpleMachine(recorded: RecordedCase): boolean {
  return Object.values(recorded.definition.States).every((s) => SUPPORTED.has(s.Type as string));
}

export async function runSimpleMachine(recorded: RecordedCase): Promise<SimpleOutcome> {
  const { definition } = recorded;
  let variables: Record<string, unknown> = {};
  let name: string | undefined = definition.StartAt;
  let input = recorded.input;
  try {
    while (name) {
      const state: Record<string, unknown> = definition.States[name];
      const jsonata: boolean = (state.QueryLanguage ?? definition.QueryLanguage) === "JSONata";
      const context = contextFor(recorded, name);
      const step: Step = jsonata ? await jsonataStep(state, input, context, variables) : jsonPathStep(state, input, context, variables);
      if (step.failed) return { status: "FAILED", error: step.failed.error, cause: step.failed.cause };
      variables = { ...variables, ...step.assigned };
      input = step.output;
      name = step.next;
    }
    return { status: "SUCCEEDED", output: input };
  } catch (error) {
    if (error instanceof StatesError) return { status: "FAILED", error: error.error, cause: error.cause };
    throw error;
  }
}

interface Step {
  output: unknown;
  next?: string;
  assigned: Record<string, unknown>;
  failed?: { error: string; cause: string };
}

function jsonPathStep(state: Record<string, unknown>, rawInput: unknown, context: unknown, variables: Record<string, unknown>): Step {
  const env = (input: unknown): ExpressionEnv => ({ input, context, variables, random });
  const read = (path: unknown, data: unknown) =>
    path === undefined ? data : path === null ? {} : evaluateReferencePath(path as string, env(data));
  const assign = (template: unknown, data: unknown) =>
    template ? (evaluatePayloadTemplate(template, env(data), "Assign") as Record<string, unknown>) : {};
  if (state.Type === "Fail") {
    const field = (name: "ErrorPath" | "CausePath") => {
      try {
        return read(state[name], rawInput);
      } catch (error) {
        if (!(error instanceof PathNotFoundError)) throw error;
        // The engine words this per field, as AWS does.
        const cause = `The JSONPath '${error.path}' specified for the field '${name}' could not be found in the input '${JSON.stringify(rawInput)}'`;
        throw new StatesError("States.Runtime", cause);
      }
    };
    const error = state.ErrorPath ? field("ErrorPath") : state.Error;
    const cause = state.CausePath ? field("CausePath") : state.Cause;
    return { output: null, assigned: {}, failed: { error: String(error ?? ""), cause: String(cause ?? "") } };
  }
  const input = read(state.InputPath, rawInput);
  if (state.Type === "Choice") {
    const rules = state.Choices as Record<string, unknown>[];
    const match = rules.find((rule) => evaluateChoiceRule(rule, env(input)));
    const next = (match?.Next ?? state.Default) as string | undefined;
    if (!next) throw new StatesError("States.NoChoiceMatched", "No Matches!");
    return { output: read(state.OutputPath, input), next, assigned: assign(match ? match.Assign : state.Assign, input) };
  }
  const result =
    state.Parameters !== undefined ? evaluatePayloadTemplate(state.Parameters, env(input), "Parameters") : (state.Result ?? input);
  const assigned = assign(state.Assign, result);
  const merged = applyResultPath(rawInput, state.ResultPath as string | null | undefined, result);
  return { output: read(state.OutputPath, merged), next: state.Next as string | undefined, assigned };
}

async function jsonataStep(
  state: Record<string, unknown>,
  input: unknown,
  context: unknown,
  variables: Record<string, unknown>,
): Promise<Step> {
  const bindings = { states: { input, context }, variables, random };
  const evaluate = (field: string, value: unknown) => evaluateJsonataTemplate(value, bindings, field);
  if (state.Type === "Fail") {
    const error = state.Error === undefined ? "" : await evaluate("Error", state.Error);
    const cause = state.Cause === undefined ? "" : await evaluate("Cause", state.Cause);
    return { output: null, assigned: {}, failed: { error: String(error), cause: String(cause) } };
  }
  let holder: Record<string, unknown> = state;
  let next = state.Next as string | undefined;
  if (state.Type === "Choice") {
    const rules = state.Choices as Record<string, unknown>[];
    let match: Record<string, unknown> | undefined;
    for (const rule of rules)
      if ((await evaluate("Condition", rule.Condition)) === true) {
        match = rule;
        break;
      }
    holder = match ?? state;
    next = (match?.Next ?? state.Default) as string | undefined;
    if (!next) throw new StatesError("States.NoChoiceMatched", "No Matches!");
  }
  const assigned = holder.Assign === undefined ? {} : ((await evaluate("Assign", holder.Assign)) as Record<string, unknown>);
  const output = holder.Output === undefined ? input : await evaluate("Output", holder.Output);
  return { output, next, assigned };
}
