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

/**
 * Lines of two pretty-printed JSON documents aligned row by row for a side-by-side diff:
 * equal parts on both sides, removed lines left only, added lines right only, changed values
 * on the same row.
 */
export function sideBySideRows(before: unknown, after: unknown): SideRow[] {
  const rows: SideRow[] = [];
  align(before, after, "$", 0, null, rows);
  return rows;
}

function label(key: string | number | null): string {
  return key === null || typeof key === "number" ? "" : `${JSON.stringify(key)}: `;
}

function align(a: unknown, b: unknown, path: string, depth: number, key: string | number | null, rows: SideRow[]): void {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb || (ka !== "object" && ka !== "array")) {
    if (ka === kb && Object.is(a, b)) {
      const line = { text: label(key) + JSON.stringify(a ?? null), depth, kind: "same" as const };
      rows.push({ path, left: line, right: { ...line } });
      return;
    }
    const left = linesOf(a, depth, key, "changed");
    const right = linesOf(b, depth, key, "changed");
    for (let i = 0; i < Math.max(left.length, right.length); i++) rows.push({ path, left: left[i] ?? null, right: right[i] ?? null });
    return;
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
  for (const k of keys) {
    const p = childPath(path, k);
    const hasLeft = has(a, k);
    const hasRight = has(b, k);
    const va = hasLeft ? (a as Record<string | number, unknown>)[k] : undefined;
    const vb = hasRight ? (b as Record<string | number, unknown>)[k] : undefined;
    const childKey = ka === "array" ? null : k;
    if (hasLeft && hasRight) align(va, vb, p, depth + 1, childKey, rows);
    else if (hasLeft) for (const line of linesOf(va, depth + 1, childKey, "removed")) rows.push({ path: p, left: line, right: null });
    else for (const line of linesOf(vb, depth + 1, childKey, "added")) rows.push({ path: p, left: null, right: line });
  }
  const tail = { text: close, depth, kind: "same" as const };
  rows.push({ path, left: tail, right: { ...tail } });
}

function has(container: unknown, key: string | number): boolean {
  if (Array.isArray(container)) return typeof key === "number" && key < container.length;
  return typeof key === "string" && Object.hasOwn(container as object, key);
}

/** Pretty-printed lines of one value, all of one kind. */
function linesOf(value: unknown, depth: number, key: string | number | null, kind: LineKind): SideLine[] {
  const lines: SideLine[] = [];
  const visit = (v: unknown, d: number, k: string | number | null) => {
    const type = kindOf(v);
    if (type !== "object" && type !== "array") {
      lines.push({ text: label(k) + JSON.stringify(v ?? null), depth: d, kind });
      return;
    }
    const entries = type === "array" ? (v as unknown[]).map((x, i) => [i, x] as const) : Object.entries(v as object);
    const [open, close] = type === "array" ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) {
      lines.push({ text: label(k) + open + close, depth: d, kind });
      return;
    }
    lines.push({ text: label(k) + open, depth: d, kind });
    for (const [ck, cv] of entries) visit(cv, d + 1, type === "array" ? null : ck);
    lines.push({ text: close, depth: d, kind });
  };
  visit(value, depth, key);
  return lines;
}
