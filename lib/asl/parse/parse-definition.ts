import { DefinitionError } from "../errors";
import type { Program } from "../evaluate/program";
import { buildProgram } from "./build-program";

export interface ParsedDefinition {
  program: Program;
  /** The state machine's TimeoutSeconds, if any. */
  timeoutSeconds: number | undefined;
  definition: Record<string, unknown>;
}

/** Parses definition text (or an already parsed object) into the component tree. */
export function parseDefinition(definition: string | object): ParsedDefinition {
  let parsed: unknown = definition;
  if (typeof definition === "string") {
    try {
      parsed = JSON.parse(definition);
    } catch (error) {
      throw new DefinitionError(`the definition is not valid JSON: ${(error as Error).message}`);
    }
  }
  const program = buildProgram(parsed, "JSONPath", "");
  const root = parsed as Record<string, unknown>;
  const timeout = root.TimeoutSeconds;
  return { program, timeoutSeconds: typeof timeout === "number" && timeout > 0 ? timeout : undefined, definition: root };
}
