import { StatesError } from "../../errors";
import { evaluateField, readPath } from "../expressions";
import { statesBinding } from "../io-processing";
import { toJson } from "../payload";
import type { StateRun } from "../states/state";
import { typeName } from "../states/choice-state";

/** The items a Map iterates over: ItemsPath (JSONPath) or Items (JSONata), default the input. */
export async function mapItems(run: StateRun, effective: unknown, context: unknown): Promise<unknown[]> {
  const raw = run.state.raw;
  if (run.state.ql === "JSONata") {
    if (raw.Items === undefined) {
      if (Array.isArray(run.input)) return run.input;
      throw new StatesError("States.QueryEvaluationError", `Map state input must be an array but was: ${toJson(run.input)}`);
    }
    const items = await evaluateField("Items", raw.Items, statesBinding(run, undefined, context), run.env);
    if (Array.isArray(items)) return items;
    const expression = typeof raw.Items === "string" ? raw.Items.replace(/^\{%\s*/, "").replace(/\s*%\}$/, "") : toJson(raw.Items);
    const error = new StatesError(
      "States.QueryEvaluationError",
      `The JSONata expression '${expression}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeName(items)}' for value: ${toJson(items)}`,
    );
    (error as unknown as { location: string }).location = "Items";
    throw error;
  }
  const path = raw.ItemsPath;
  const items = typeof path === "string" ? readPath(path, effective, run.env, context) : effective;
  if (Array.isArray(items)) return items;
  throw new StatesError("States.Runtime", `Map state input must be an array but was: ${toJson(items)}`);
}

/**
 * An integer-valued Map setting given as a literal, a `*Path` or a JSONata expression
 * (MaxConcurrency, ToleratedFailureCount). Numeric strings are accepted, as AWS does.
 */
export async function mapInteger(run: StateRun, field: string, effective: unknown, context: unknown, fallback: number): Promise<number> {
  const raw = run.state.raw;
  if (run.state.ql === "JSONata" && raw[field] !== undefined) {
    const value = await evaluateField(field, raw[field], statesBinding(run, undefined, context), run.env);
    const n = toNumber(value);
    if (n === undefined || !Number.isInteger(n))
      throw new StatesError(
        "States.QueryEvaluationError",
        `The ${field} field refers to value "${showValue(value)}" which is not a valid integer`,
      );
    return n;
  }
  if (raw[field] !== undefined) return raw[field] as number;
  const path = raw[`${field}Path`];
  if (typeof path !== "string") return fallback;
  const value = readPath(path, effective, run.env, context);
  const n = toNumber(value);
  if (n === undefined || !Number.isInteger(n)) {
    throw new StatesError(
      "States.Runtime",
      `The ${field}Path field refers to value "${showValue(value)}" which is not a valid integer: ${path}`,
    );
  }
  return n;
}

/** ToleratedFailurePercentage(+Path): a float between 0 and 100. */
export async function mapPercentage(run: StateRun, effective: unknown, context: unknown): Promise<number> {
  const raw = run.state.raw;
  const field = "ToleratedFailurePercentage";
  let value: number;
  if (run.state.ql === "JSONata" && raw[field] !== undefined) {
    const evaluated = await evaluateField(field, raw[field], statesBinding(run, undefined, context), run.env);
    const n = toNumber(evaluated);
    if (n === undefined)
      throw new StatesError(
        "States.QueryEvaluationError",
        `The ${field} field refers to value "${showValue(evaluated)}" which is not a valid float`,
      );
    value = n;
  } else if (raw[field] !== undefined) value = raw[field] as number;
  else if (typeof raw[`${field}Path`] === "string") {
    const path = raw[`${field}Path`] as string;
    const read = readPath(path, effective, run.env, context);
    const n = toNumber(read);
    if (n === undefined)
      throw new StatesError(
        "States.Runtime",
        `The ${field}Path field refers to value "${showValue(read)}" which is not a valid float: ${path}`,
      );
    value = n;
  } else return 0;
  if (value < 0 || value > 100) throw new StatesError("States.Runtime", "ToleratedFailurePercentage must be between 0 and 100.");
  return value;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

function showValue(value: unknown): string {
  return typeof value === "string" ? value : toJson(value);
}
