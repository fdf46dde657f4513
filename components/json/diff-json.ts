import { childPath, kindOf } from "./json-path";

export interface DiffEntry {
  path: string;
  kind: "added" | "removed" | "changed";
  /** value on the left (removed, changed) */
  before?: unknown;
  /** value on the right (added, changed) */
  after?: unknown;
}

/**
 * Structural difference between two JSON values, as the smallest differing paths: object keys
 * by name, array items by position; a change of type at a path is one "changed" entry.
 */
export function diffJson(before: unknown, after: unknown): DiffEntry[] {
  const out: DiffEntry[] = [];
  walk(before, after, "$", out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: DiffEntry[]): void {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb) {
    out.push({ path, kind: "changed", before: a, after: b });
    return;
  }
  if (ka === "object") {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    for (const key of Object.keys(left)) {
      const p = childPath(path, key);
      if (!Object.hasOwn(right, key)) out.push({ path: p, kind: "removed", before: left[key] });
      else walk(left[key], right[key], p, out);
    }
    for (const key of Object.keys(right)) {
      if (!Object.hasOwn(left, key)) out.push({ path: childPath(path, key), kind: "added", after: right[key] });
    }
    return;
  }
  if (ka === "array") {
    const left = a as unknown[];
    const right = b as unknown[];
    const common = Math.min(left.length, right.length);
    for (let i = 0; i < common; i++) walk(left[i], right[i], childPath(path, i), out);
    for (let i = common; i < left.length; i++) out.push({ path: childPath(path, i), kind: "removed", before: left[i] });
    for (let i = common; i < right.length; i++) out.push({ path: childPath(path, i), kind: "added", after: right[i] });
    return;
  }
  if (!Object.is(a, b) && !(a == null && b == null)) out.push({ path, kind: "changed", before: a, after: b });
}
