import { indexObject, isDefinitionIndex, isObject, type DefinitionIndex } from "../definition/definition-model";
import { DefinitionError } from "../errors";
import type { Program } from "../evaluate/program";
import { buildProgram } from "./build-program";

export interface ParsedDefinition {
  program: Program;
  /** The state machine's TimeoutSeconds, if any. */
  timeoutSeconds: number | undefined;
  definition: Record<string, unknown>;
  /** The definition model the program was built from. */
  index: DefinitionIndex;
}

/**
 * Parses definition text (or an already parsed object, or its definition model) into the
 * component tree, built over the definition model.
 */
export function parseDefinition(definition: string | object): ParsedDefinition {
  let parsed: unknown = definition;
  if (typeof definition === "string") {
    try {
      parsed = JSON.parse(definition);
    } catch (error) {
      throw new DefinitionError(`the definition is not valid JSON: ${(error as Error).message}`);
    }
  }
  const index = isDefinitionIndex(parsed) ? parsed : isObject(parsed) ? indexObject(parsed) : undefined;
  if (!index) throw new DefinitionError("a state machine must be a JSON object", "");
  const program = buildProgram(index.rootScope, "JSONPath", "");
  const root = index.root;
  const timeout = root.TimeoutSeconds;
  return { program, timeoutSeconds: typeof timeout === "number" && timeout > 0 ? timeout : undefined, definition: root, index };
}
