import { validateDefinition } from "../asl";

/**
 * Rejects a definition that is not valid ASL (JSON, then asl-validator + semantic checks) with an
 * error naming the file, the state and the field.
 */
export function checkDefinitionText(text: string, file: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`definition ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new Error(`definition ${file}: expected a JSON object with StartAt and States`);
  const def = parsed as { StartAt?: unknown; States?: unknown };
  if (typeof def.StartAt !== "string") throw new Error(`definition ${file}: StartAt is missing or not a string`);
  if (!def.States || typeof def.States !== "object") throw new Error(`definition ${file}: States is missing or not an object`);
  const issues = validateDefinition(parsed);
  if (issues.length)
    throw new Error(
      `definition ${file} is not a valid state machine:\n${issues.map((i) => `  ${i.path || "(definition)"}: ${i.message}`).join("\n")}`,
    );
  return parsed;
}
