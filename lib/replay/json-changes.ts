/** One difference between two JSON values, at a JSONPath-like path (`$.a.b[0]`). */
export interface JsonChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const child = (path: string, key: string | number) =>
  typeof key === "number" ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

/**
 * The smallest paths at which two JSON values differ (object keys by name, array items by
 * position), at most `limit` of them.
 */
export function jsonChanges(before: unknown, after: unknown, limit = 100): JsonChange[] {
  const out: JsonChange[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (out.length >= limit) return;
    const ka = kind(a);
    if (a === undefined && b !== undefined) out.push({ path, kind: "added", after: b });
    else if (b === undefined && a !== undefined) out.push({ path, kind: "removed", before: a });
    else if (ka !== kind(b)) out.push({ path, kind: "changed", before: a, after: b });
    else if (ka === "array") {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.max(x.length, y.length); i++) walk(x[i], y[i], child(path, i));
    } else if (ka === "object") {
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      for (const key of Object.keys(x)) walk(x[key], Object.hasOwn(y, key) ? y[key] : undefined, child(path, key));
      for (const key of Object.keys(y)) if (!Object.hasOwn(x, key)) walk(undefined, y[key], child(path, key));
    } else if (!Object.is(a, b)) out.push({ path, kind: "changed", before: a, after: b });
  };
  walk(before, after, "$");
  return out;
}
