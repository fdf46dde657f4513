export type JsonPathKey = string | number;

/**
 * Visits every member of a JSON tree depth-first (parents before children), in key order, and
 * lets `visit` replace it: return `undefined` to keep the value, anything else to replace it
 * (the replacement is not visited). The root itself is not visited.
 */
export function rewriteMembers(
  root: unknown,
  visit: (key: JsonPathKey, value: unknown, path: JsonPathKey[]) => unknown,
  path: JsonPathKey[] = [],
): void {
  if (Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) rewriteOne(root as unknown as Record<number, unknown>, i, visit, path);
  } else if (root && typeof root === "object") {
    for (const key of Object.keys(root)) rewriteOne(root as Record<string, unknown>, key, visit, path);
  }
}

function rewriteOne(
  container: Record<string | number, unknown>,
  key: JsonPathKey,
  visit: (key: JsonPathKey, value: unknown, path: JsonPathKey[]) => unknown,
  parentPath: JsonPathKey[],
): void {
  const path = [...parentPath, key];
  const replacement = visit(key, container[key], path);
  if (replacement !== undefined) container[key] = replacement;
  else rewriteMembers(container[key], visit, path);
}

/** Rewrites every string in a JSON tree (not the keys). Returns the new root. */
export function mapStrings(root: unknown, fn: (text: string) => string): unknown {
  if (typeof root === "string") return fn(root);
  rewriteMembers(root, (_key, value) => (typeof value === "string" ? fn(value) : undefined));
  return root;
}

/** Every string in a JSON tree, in visiting order (keys excluded). */
export function collectStrings(root: unknown): string[] {
  const out: string[] = [];
  mapStrings(root, (s) => {
    out.push(s);
    return s;
  });
  return out;
}
