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

/** Which containers are folded: a set of paths, or a test on a container's path and depth. */
export type Collapsed = ReadonlySet<string> | ((path: string, depth: number) => boolean);

interface Open {
  path: string;
  depth: number;
  kind: JsonKind;
  entries: [string | number, unknown][];
  next: number;
  comma: boolean;
}

/**
 * Flattens a JSON value into display rows, one line each, skipping the insides of collapsed
 * containers; stops after `maxRows` rows. Text stays text: strings are JSON-encoded (quotes and
 * escapes visible), never HTML. Walks with a stack of its own: a document nested 10,000 levels
 * deep flattens without overflowing.
 */
export function flattenJson(value: unknown, collapsed: Collapsed = new Set(), maxRows = 50_000): JsonRow[] {
  const isCollapsed = typeof collapsed === "function" ? collapsed : (path: string) => collapsed.has(path);
  const rows: JsonRow[] = [];
  const stack: Open[] = [];
  const visit = (v: unknown, path: string, depth: number, key: string | number | null, comma: boolean) => {
    const kind = kindOf(v);
    if (kind !== "object" && kind !== "array") {
      rows.push({ path, depth, key, kind, role: "value", text: primitiveText(v), size: 0, comma });
      return;
    }
    const entries = entriesOf(v, kind);
    const [open, close] = kind === "array" ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) rows.push({ path, depth, key, kind, role: "value", text: open + close, size: 0, comma });
    else if (isCollapsed(path, depth))
      rows.push({ path, depth, key, kind, role: "value", text: `${open}…${close}`, size: entries.length, comma });
    else {
      rows.push({ path, depth, key, kind, role: "open", text: open, size: entries.length, comma: false });
      stack.push({ path, depth, kind, entries, next: 0, comma });
    }
  };
  visit(value, "$", 0, null, false);
  while (stack.length > 0 && rows.length < maxRows) {
    const top = stack[stack.length - 1];
    if (top.next < top.entries.length) {
      const i = top.next++;
      const [k, child] = top.entries[i];
      visit(child, childPath(top.path, k), top.depth + 1, k, i < top.entries.length - 1);
    } else {
      stack.pop();
      rows.push({
        path: top.path,
        depth: top.depth,
        key: null,
        kind: top.kind,
        role: "close",
        text: top.kind === "array" ? "]" : "}",
        size: top.entries.length,
        comma: top.comma,
      });
    }
  }
  return rows;
}

function entriesOf(v: unknown, kind: JsonKind): [string | number, unknown][] {
  return kind === "array" ? (v as unknown[]).map((item, i) => [i, item]) : Object.entries(v as Record<string, unknown>);
}

function primitiveText(v: unknown): string {
  if (v === undefined) return "null";
  return JSON.stringify(v);
}

/** Paths of every container at or deeper than `depth`, to start a big document folded. */
export function containersDeeperThan(value: unknown, depth: number): Set<string> {
  const out = new Set<string>();
  const stack: [unknown, string, number][] = [[value, "$", 0]];
  while (stack.length > 0) {
    const [v, path, d] = stack.pop()!;
    const kind = kindOf(v);
    if (kind !== "object" && kind !== "array") continue;
    if (d >= depth) out.add(path);
    for (const [k, child] of entriesOf(v, kind)) stack.push([child, childPath(path, k), d + 1]);
  }
  return out;
}
