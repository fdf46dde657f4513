import { evaluateJsonata } from "./evaluate-jsonata";
import type { JsonataBindings } from "./jsonata-bindings";

/** A string that is exactly one `{% ... %}` expression (no leading/trailing text or spaces). */
export function isJsonataTemplate(value: unknown): value is string {
  return typeof value === "string" && value.length >= 4 && value.startsWith("{%") && value.endsWith("%}");
}

function join(parent: string | undefined, key: string): string {
  return parent === undefined || parent === "" ? key : `${parent}/${key}`;
}

async function walk(value: unknown, bindings: JsonataBindings, field: string | undefined): Promise<unknown> {
  if (typeof value === "string") {
    return isJsonataTemplate(value) ? evaluateJsonata(value.slice(2, -2), bindings, field) : value;
  }
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = await walk(value[i], bindings, join(field, String(i)));
      if (!out && item !== value[i]) out = value.slice(0, i);
      out?.push(item);
    }
    return out ?? value;
  }
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const item = await walk(record[key], bindings, join(field, key));
    if (!out && item !== record[key]) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]] = record[keys[j]];
    }
    if (out) out[key] = item;
  }
  return out ?? value;
}

/**
 * Walks any JSON value and replaces every `{% ... %}` string by its JSONata result (other values
 * are kept, and subtrees without templates are returned as-is). Error locations are built from
 * `field` and the keys on the way: `{Output: {result: "{% $x %}"}}` fails at `Output/result`.
 */
export async function evaluateJsonataTemplate(value: unknown, bindings: JsonataBindings, field?: string): Promise<unknown> {
  return walk(value, bindings, field);
}
