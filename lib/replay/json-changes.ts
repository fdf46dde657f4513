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
 * position), at most `limit` of them, in document order. Walks with a stack of its own, so
 * payloads nested 10,000 levels deep compare without overflowing.
 */
export function jsonChanges(before: unknown, after: unknown, limit = 100): JsonChange[] {
  const out: JsonChange[] = [];
  const pending: [unknown, unknown, string][] = [[before, after, "$"]];
  while (pending.length > 0 && out.length < limit) {
    const [a, b, path] = pending.pop()!;
    const ka = kind(a);
    if (a === undefined && b !== undefined) out.push({ path, kind: "added", after: b });
    else if (b === undefined && a !== undefined) out.push({ path, kind: "removed", before: a });
    else if (ka !== kind(b)) out.push({ path, kind: "changed", before: a, after: b });
    else if (ka === "array" || ka === "object") {
      const children: [unknown, unknown, string][] = [];
      if (ka === "array") {
        const x = a as unknown[];
        const y = b as unknown[];
        for (let i = 0; i < Math.max(x.length, y.length); i++) children.push([x[i], y[i], child(path, i)]);
      } else {
        const x = a as Record<string, unknown>;
        const y = b as Record<string, unknown>;
        for (const key of Object.keys(x)) children.push([x[key], Object.hasOwn(y, key) ? y[key] : undefined, child(path, key)]);
        for (const key of Object.keys(y)) if (!Object.hasOwn(x, key)) children.push([undefined, y[key], child(path, key)]);
      }
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
    } else if (!Object.is(a, b)) out.push({ path, kind: "changed", before: a, after: b });
  }
  return out;
}
