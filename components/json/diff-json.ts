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
 * by name, array items by position; a change of type at a path is one "changed" entry. Entries
 * come in document order. Walks with a stack of its own: documents nested 10,000 levels deep
 * compare without overflowing.
 */
export function diffJson(before: unknown, after: unknown): DiffEntry[] {
  const out: DiffEntry[] = [];
  // either a pair still to compare, or an entry already decided (kept in order with the pairs)
  type Step = { a: unknown; b: unknown; path: string } | { entry: DiffEntry };
  const stack: Step[] = [{ a: before, b: after, path: "$" }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ("entry" in step) {
      out.push(step.entry);
      continue;
    }
    const { a, b, path } = step;
    const ka = kindOf(a);
    const kb = kindOf(b);
    if (ka !== kb) {
      out.push({ path, kind: "changed", before: a, after: b });
      continue;
    }
    const next: Step[] = [];
    if (ka === "object") {
      const left = a as Record<string, unknown>;
      const right = b as Record<string, unknown>;
      for (const key of Object.keys(left)) {
        const p = childPath(path, key);
        next.push(
          Object.hasOwn(right, key) ? { a: left[key], b: right[key], path: p } : { entry: { path: p, kind: "removed", before: left[key] } },
        );
      }
      for (const key of Object.keys(right)) {
        if (!Object.hasOwn(left, key)) next.push({ entry: { path: childPath(path, key), kind: "added", after: right[key] } });
      }
    } else if (ka === "array") {
      const left = a as unknown[];
      const right = b as unknown[];
      const common = Math.min(left.length, right.length);
      for (let i = 0; i < common; i++) next.push({ a: left[i], b: right[i], path: childPath(path, i) });
      for (let i = common; i < left.length; i++) next.push({ entry: { path: childPath(path, i), kind: "removed", before: left[i] } });
      for (let i = common; i < right.length; i++) next.push({ entry: { path: childPath(path, i), kind: "added", after: right[i] } });
    } else if (!Object.is(a, b) && !(a == null && b == null)) out.push({ path, kind: "changed", before: a, after: b });
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
  }
  return out;
}
