/**
 * Renumbers numbered mask labels (`<uuid:N>`, `<task-token:N>`, ...) per label name by order of
 * first appearance (object keys visited sorted), so two values that use different numbers for
 * the same pattern of masked values compare equal. The recording numbered them across the
 * whole test snapshot, which the interpreter cannot reproduce.
 */
export function relabelMaskLabels<T>(value: T): T {
  const labels = new Map<string, string>();
  const perName = new Map<string, number>();
  const relabel = (text: string) =>
    text.replace(/<(<?[A-Za-z_][\w-]*>?):\d+>/g, (label, name: string) => {
      if (!labels.has(label)) {
        const n = (perName.get(name) ?? 0) + 1;
        perName.set(name, n);
        labels.set(label, `<${name}:${n}>`);
      }
      return labels.get(label) as string;
    });
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return relabel(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) out[key] = walk((v as Record<string, unknown>)[key]);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** The JSON shape of a value: leaves replaced by their type names. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[key] = shapeOf(v);
    return out;
  }
  return typeof value;
}

function show(value: unknown): string {
  const text = value === undefined ? "(absent)" : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function kind(value: unknown): string {
  if (value === undefined) return "absent";
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/**
 * The first place where two JSON values differ, as `path: expected X, got Y`, or undefined
 * when they are equal (key order ignored, `undefined` members treated as absent).
 */
export function firstDifference(expected: unknown, actual: unknown, path = "$"): string | undefined {
  const ke = kind(expected);
  const ka = kind(actual);
  if (ke !== ka) return `${path}: expected ${show(expected)}, got ${show(actual)}`;
  if (ke === "array") {
    const e = expected as unknown[];
    const a = actual as unknown[];
    for (let i = 0; i < Math.min(e.length, a.length); i++) {
      const d = firstDifference(e[i], a[i], `${path}[${i}]`);
      if (d) return d;
    }
    if (e.length !== a.length) {
      const extra = e.length > a.length ? `missing ${show(e[a.length])}` : `unexpected ${show(a[e.length])}`;
      return `${path}: expected ${e.length} items, got ${a.length} (${extra})`;
    }
    return undefined;
  }
  if (ke === "object") {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])].sort();
    for (const key of keys) {
      const d = firstDifference(e[key], a[key], `${path}.${key}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(expected, actual) || expected === actual ? undefined : `${path}: expected ${show(expected)}, got ${show(actual)}`;
}
