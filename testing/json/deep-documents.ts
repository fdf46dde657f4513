/** Test documents nested `depth` levels: `{"a":{"a":...leaf}}` (or arrays), built without recursion. */
export function deepObject(depth: number, leaf: unknown = 1, key = "a"): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { [key]: value };
  return value;
}

export function deepArray(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** The JSON text of `deepObject(depth, leaf)`, built as text (JSON.stringify overflows near 5,000). */
export function deepObjectText(depth: number, leaf = "1", key = "a"): string {
  return `{"${key}":`.repeat(depth) + leaf + "}".repeat(depth);
}
