/**
 * A deep copy of a JSON value (objects, arrays, primitives) without recursion, so a document nested
 * 10,000 levels deep copies where structuredClone overflows the stack (near 3,000 in Node 20).
 * Other objects (a Date) are copied by structuredClone, as they hold no JSON below them.
 */
export function cloneJson<T>(value: T): T {
  if (!isContainer(value)) return copyLeaf(value);
  const root = emptyLike(value);
  const stack: [source: unknown, target: unknown][] = [[value, root]];
  while (stack.length > 0) {
    const [source, target] = stack.pop()!;
    if (Array.isArray(source)) {
      const out = target as unknown[];
      for (let i = 0; i < source.length; i++) out[i] = copyChild(source[i], stack);
    } else {
      const out = target as Record<string, unknown>;
      for (const key of Object.keys(source as object)) out[key] = copyChild((source as Record<string, unknown>)[key], stack);
    }
  }
  return root as T;
}

function copyChild(child: unknown, stack: [unknown, unknown][]): unknown {
  if (!isContainer(child)) return copyLeaf(child);
  const copy = emptyLike(child);
  stack.push([child, copy]);
  return copy;
}

function isContainer(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function emptyLike(value: object): object {
  return Array.isArray(value) ? new Array(value.length) : {};
}

function copyLeaf<T>(value: T): T {
  return value !== null && typeof value === "object" ? structuredClone(value) : value;
}
