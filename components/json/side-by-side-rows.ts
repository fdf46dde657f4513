import { childPath, kindOf } from "./json-path";

export type LineKind = "same" | "added" | "removed" | "changed";

export interface SideLine {
  /** line text without indentation: `"key": value`, `"key": {`, `}` */
  text: string;
  depth: number;
  kind: LineKind;
}

export interface SideRow {
  path: string;
  /** null where the other side has lines this side lacks */
  left: SideLine | null;
  right: SideLine | null;
}

type Key = string | number | null;
/** Work still to do, in order: two values to align, a row to emit, or one side's lines alone. */
type Step =
  | { op: "align"; a: unknown; b: unknown; path: string; depth: number; key: Key }
  | { op: "row"; row: SideRow }
  | { op: "only"; side: "left" | "right"; value: unknown; path: string; depth: number; key: Key };

/**
 * Lines of two pretty-printed JSON documents aligned row by row for a side-by-side diff:
 * equal parts on both sides, removed lines left only, added lines right only, changed values
 * on the same row. Walks with a stack of its own (documents nested 10,000 levels deep align).
 */
export function sideBySideRows(before: unknown, after: unknown): SideRow[] {
  const rows: SideRow[] = [];
  const stack: Step[] = [{ op: "align", a: before, b: after, path: "$", depth: 0, key: null }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if (step.op === "row") rows.push(step.row);
    else if (step.op === "only") {
      for (const line of linesOf(step.value, step.depth, step.key, step.side === "left" ? "removed" : "added")) {
        rows.push({ path: step.path, left: step.side === "left" ? line : null, right: step.side === "right" ? line : null });
      }
    } else {
      const next = align(step, rows);
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
    }
  }
  return rows;
}

function label(key: Key): string {
  return key === null || typeof key === "number" ? "" : `${JSON.stringify(key)}: `;
}

/** Emits what can be emitted now; returns the steps for the children, in order. */
function align({ a, b, path, depth, key }: Extract<Step, { op: "align" }>, rows: SideRow[]): Step[] {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb || (ka !== "object" && ka !== "array")) {
    if (ka === kb && Object.is(a, b)) {
      const line = { text: label(key) + JSON.stringify(a ?? null), depth, kind: "same" as const };
      rows.push({ path, left: line, right: { ...line } });
      return [];
    }
    const left = linesOf(a, depth, key, "changed");
    const right = linesOf(b, depth, key, "changed");
    for (let i = 0; i < Math.max(left.length, right.length); i++) rows.push({ path, left: left[i] ?? null, right: right[i] ?? null });
    return [];
  }
  const [open, close] = ka === "array" ? ["[", "]"] : ["{", "}"];
  const head = { text: label(key) + open, depth, kind: "same" as const };
  rows.push({ path, left: head, right: { ...head } });
  const keys: (string | number)[] = [];
  if (ka === "array") {
    const n = Math.max((a as unknown[]).length, (b as unknown[]).length);
    for (let i = 0; i < n; i++) keys.push(i);
  } else {
    const seen = new Set(Object.keys(a as object));
    keys.push(...seen);
    for (const k of Object.keys(b as object)) if (!seen.has(k)) keys.push(k);
  }
  const next: Step[] = [];
  for (const k of keys) {
    const p = childPath(path, k);
    const hasLeft = has(a, k);
    const hasRight = has(b, k);
    const va = hasLeft ? (a as Record<string | number, unknown>)[k] : undefined;
    const vb = hasRight ? (b as Record<string | number, unknown>)[k] : undefined;
    const childKey = ka === "array" ? null : k;
    if (hasLeft && hasRight) next.push({ op: "align", a: va, b: vb, path: p, depth: depth + 1, key: childKey });
    else next.push({ op: "only", side: hasLeft ? "left" : "right", value: hasLeft ? va : vb, path: p, depth: depth + 1, key: childKey });
  }
  const tail = { text: close, depth, kind: "same" as const };
  next.push({ op: "row", row: { path, left: tail, right: { ...tail } } });
  return next;
}

function has(container: unknown, key: string | number): boolean {
  if (Array.isArray(container)) return typeof key === "number" && key < container.length;
  return typeof key === "string" && Object.hasOwn(container as object, key);
}

/** Pretty-printed lines of one value, all of one kind (without recursion). */
function linesOf(value: unknown, depth: number, key: Key, kind: LineKind): SideLine[] {
  const lines: SideLine[] = [];
  // a value still to print, or a closing bracket
  const stack: ({ v: unknown; d: number; k: Key } | { close: string; d: number })[] = [{ v: value, d: depth, k: key }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ("close" in item) {
      lines.push({ text: item.close, depth: item.d, kind });
      continue;
    }
    const { v, d, k } = item;
    const type = kindOf(v);
    if (type !== "object" && type !== "array") {
      lines.push({ text: label(k) + JSON.stringify(v ?? null), depth: d, kind });
      continue;
    }
    const entries = type === "array" ? (v as unknown[]).map((x, i) => [i, x] as const) : Object.entries(v as object);
    const [open, close] = type === "array" ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) {
      lines.push({ text: label(k) + open + close, depth: d, kind });
      continue;
    }
    lines.push({ text: label(k) + open, depth: d, kind });
    stack.push({ close, d });
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ v: entries[i][1], d: d + 1, k: type === "array" ? null : entries[i][0] });
  }
  return lines;
}
