import { childPath, kindOf, type JsonKind } from "./json-path";

export interface JsonRow {
  /** path of the value this row shows; closing rows carry their container's path */
  path: string;
  depth: number;
  /** property name or array index; null for the root and closing rows */
  key: string | number | null;
  kind: JsonKind;
  /** "open" starts an expanded container, "close" ends it, "value" is a primitive or a
   * collapsed container */
  role: "open" | "close" | "value";
  /** what to print after the key: JSON text of a primitive, "{" / "[" / "}" / "]", or
   * "{…}" / "[…]" for a collapsed container */
  text: string;
  /** number of keys or items of a container */
  size: number;
  /** the value is followed by a comma */
  comma: boolean;
}

/**
 * Flattens a JSON value into display rows, one line each, skipping the insides of collapsed
 * containers. Text stays text: strings are JSON-encoded (quotes and escapes visible), never HTML.
 */
export function flattenJson(value: unknown, collapsed: ReadonlySet<string> = new Set(), maxRows = 50_000): JsonRow[] {
  const rows: JsonRow[] = [];
  const visit = (v: unknown, path: string, depth: number, key: string | number | null, comma: boolean) => {
    if (rows.length >= maxRows) return;
    const kind = kindOf(v);
    if (kind !== "object" && kind !== "array") {
      rows.push({ path, depth, key, kind, role: "value", text: primitiveText(v), size: 0, comma });
      return;
    }
    const entries: [string | number, unknown][] =
      kind === "array" ? (v as unknown[]).map((item, i) => [i, item]) : Object.entries(v as Record<string, unknown>);
    const [open, close] = kind === "array" ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) {
      rows.push({ path, depth, key, kind, role: "value", text: open + close, size: 0, comma });
      return;
    }
    if (collapsed.has(path)) {
      rows.push({ path, depth, key, kind, role: "value", text: `${open}…${close}`, size: entries.length, comma });
      return;
    }
    rows.push({ path, depth, key, kind, role: "open", text: open, size: entries.length, comma: false });
    entries.forEach(([k, child], i) => visit(child, childPath(path, k), depth + 1, k, i < entries.length - 1));
    rows.push({ path, depth, key: null, kind, role: "close", text: close, size: entries.length, comma });
  };
  visit(value, "$", 0, null, false);
  return rows;
}

function primitiveText(v: unknown): string {
  if (v === undefined) return "null";
  return JSON.stringify(v);
}

/** Paths of every container at or deeper than `depth`, to start a big document folded. */
export function containersDeeperThan(value: unknown, depth: number): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown, path: string, d: number) => {
    const kind = kindOf(v);
    if (kind !== "object" && kind !== "array") return;
    if (d >= depth) out.add(path);
    const entries = kind === "array" ? (v as unknown[]).map((x, i) => [i, x] as const) : Object.entries(v as object);
    for (const [k, child] of entries) visit(child, childPath(path, k), d + 1);
  };
  visit(value, "$", 0);
  return out;
}
