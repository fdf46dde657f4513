import { StatesError } from "../../errors";
import { evaluateField, fillTemplate, readPath } from "../expressions";
import { statesBinding } from "../io-processing";
import { toJson, utf8Length } from "../payload";
import type { StateRun } from "../states/state";

/**
 * ItemBatcher: groups item inputs into batches `{BatchInput?, Items: [...]}` limited by
 * MaxItemsPerBatch(+Path) and MaxInputBytesPerBatch(+Path).
 */
export async function batchItems(run: StateRun, inputs: unknown[], effective: unknown, context: unknown): Promise<unknown[]> {
  const batcher = run.state.raw.ItemBatcher as Record<string, unknown>;
  const jsonata = run.state.ql === "JSONata";
  const binding = statesBinding(run, undefined, context);
  const limit = async (field: string): Promise<number | undefined> => {
    let value: unknown = batcher[field];
    if (value !== undefined && jsonata) value = await evaluateField(`ItemBatcher/${field}`, value, binding, run.env);
    else if (value === undefined && typeof batcher[`${field}Path`] === "string")
      value = readPath(batcher[`${field}Path`] as string, effective, run.env, context);
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
      throw new StatesError("States.Runtime", `The ${field} field must be a positive integer, but was: ${toJson(value)}`);
    }
    return value;
  };
  const maxItems = await limit("MaxItemsPerBatch");
  const maxBytes = await limit("MaxInputBytesPerBatch");
  let batchInput: unknown;
  if (batcher.BatchInput !== undefined) {
    batchInput = jsonata
      ? await evaluateField("ItemBatcher/BatchInput", batcher.BatchInput, binding, run.env)
      : fillTemplate(batcher.BatchInput, effective, run.env, context, "BatchInput");
  }
  const batches: unknown[] = [];
  let current: unknown[] = [];
  let bytes = 0;
  const flush = () => {
    if (current.length === 0) return;
    batches.push(batchInput === undefined ? { Items: current } : { BatchInput: batchInput, Items: current });
    current = [];
    bytes = 0;
  };
  for (const input of inputs) {
    const size = maxBytes !== undefined ? utf8Length(toJson(input)) : 0;
    if (
      current.length > 0 &&
      ((maxItems !== undefined && current.length >= maxItems) || (maxBytes !== undefined && bytes + size > maxBytes))
    )
      flush();
    current.push(input);
    bytes += size;
  }
  flush();
  return batches;
}
