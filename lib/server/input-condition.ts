import jsonata from "jsonata";

/**
 * An advanced list filter: a JSONata condition evaluated against each execution's input, e.g.
 * `$.order.total > 100` or `items[sku = "SKU-CAP"]`. JSONPath-looking conditions are valid JSONata.
 */
export interface CompiledCondition {
  text: string;
  test(inputText: string | null): Promise<boolean>;
}

export function compileInputCondition(text: string): CompiledCondition {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(text);
  } catch (e) {
    const err = e as { message?: string; position?: number };
    throw new Error(`input condition: ${err.message ?? "syntax error"}${err.position !== undefined ? ` at position ${err.position}` : ""}`);
  }
  return {
    text,
    async test(inputText) {
      if (inputText === null) return false;
      let input: unknown;
      try {
        input = JSON.parse(inputText);
      } catch {
        return false;
      }
      try {
        const result = await expression.evaluate(input);
        return truthy(result);
      } catch {
        return false;
      }
    },
  };
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(truthy);
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  return true;
}
