import { StatesError } from "../../errors";
import { evaluateField, fillTemplate, readPath } from "../expressions";
import { statesBinding } from "../io-processing";
import type { StateRun } from "../states/state";

const READER_FAILED = "States.ItemReaderFailed";

/**
 * A distributed Map's ItemReader: evaluates its Parameters/Arguments and ReaderConfig
 * (MaxItems/MaxItemsPath), asks the ItemReaderPort for the items, applies MaxItems and the
 * state's ItemsPath/ItemPointer-style selection of JSON content.
 */
export async function readItems(run: StateRun, effective: unknown, context: unknown): Promise<unknown[]> {
  const raw = run.state.raw;
  const reader = raw.ItemReader as Record<string, unknown>;
  const config = { ...((reader.ReaderConfig as Record<string, unknown> | undefined) ?? {}) };
  const jsonata = run.state.ql === "JSONata";
  const binding = statesBinding(run, undefined, context);

  let maxItems: unknown = config.MaxItems;
  if (jsonata && maxItems !== undefined) maxItems = await evaluateField("ItemReader/ReaderConfig/MaxItems", maxItems, binding, run.env);
  else if (maxItems === undefined && typeof config.MaxItemsPath === "string")
    maxItems = readPath(config.MaxItemsPath, effective, run.env, context);
  // Numeric strings are accepted, as for the other Map *Path fields.
  if (typeof maxItems === "string" && maxItems.trim() !== "" && !Number.isNaN(Number(maxItems))) maxItems = Number(maxItems);
  if (maxItems !== undefined && (typeof maxItems !== "number" || !Number.isInteger(maxItems) || maxItems < 0)) {
    throw new StatesError(READER_FAILED, "field MaxItems must be positive");
  }
  if (maxItems !== undefined) config.MaxItems = maxItems;
  delete config.MaxItemsPath;

  const field = reader.Arguments !== undefined ? "Arguments" : "Parameters";
  const parameters =
    reader[field] === undefined
      ? {}
      : jsonata
        ? await evaluateField(`ItemReader/${field}`, reader[field], binding, run.env)
        : fillTemplate(reader[field], effective, run.env, context, field);

  const port = run.env.runtime.itemReader;
  if (!port)
    throw new StatesError(READER_FAILED, `No ItemReaderPort was given to the engine, so '${String(reader.Resource)}' cannot be read.`);
  let items: unknown[];
  try {
    items = await port.read({ stateName: run.state.name, resource: String(reader.Resource ?? ""), parameters, readerConfig: config });
  } catch (thrown) {
    if (thrown instanceof StatesError) throw thrown;
    throw new StatesError(READER_FAILED, thrown instanceof Error ? thrown.message : String(thrown));
  }
  if (!jsonata && typeof raw.ItemsPath === "string" && raw.ItemsPath !== "$" && !Array.isArray(items)) {
    items = readPath(raw.ItemsPath, items, run.env, context) as unknown[];
  }
  if (!Array.isArray(items)) throw new StatesError(READER_FAILED, "The item reader did not return an array of items.");
  if (typeof maxItems === "number" && maxItems > 0 && items.length > maxItems) items = items.slice(0, maxItems);
  return items;
}
