import { toJson } from "./payload";

/**
 * Writes evaluated Assign values into the current scope (shadowing outer scopes) and returns
 * them as the JSON texts StateExited's `assignedVariables` shows; undefined when nothing was
 * assigned.
 */
export function assignVariables(variables: Record<string, unknown>, values: Record<string, unknown>): Record<string, string> | undefined {
  let shown: Record<string, string> | undefined;
  for (const name in values) {
    const value = values[name];
    variables[name] = value;
    (shown ??= {})[name] = toJson(value);
  }
  return shown;
}
