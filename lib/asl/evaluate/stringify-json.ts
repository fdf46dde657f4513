type Frame = { array: boolean; keys: string[] | null; items: unknown[]; next: number; first: boolean; depth: number };

/**
 * JSON.stringify(value, null, indent) without recursion: the same text for any JSON value (and for
 * objects with `toJSON`, such as Dates), but a document nested 10,000 levels deep is no stack
 * overflow (V8's own stringify gives up near 5,000). Returns undefined where JSON.stringify would
 * (undefined, a function, a symbol).
 */
export function stringifyJson(value: unknown, indent = 0): string | undefined {
  const pad = " ".repeat(Math.max(0, Math.min(10, Math.floor(indent))));
  const out: string[] = [];
  const stack: Frame[] = [];
  const newline = (depth: number) => (pad ? `\n${pad.repeat(depth)}` : "");

  /** Writes a primitive, or opens a container (its items are written by the loop below). */
  const write = (v: unknown, depth: number): void => {
    if (v === null) out.push("null");
    else if (typeof v === "string") out.push(JSON.stringify(v));
    else if (typeof v === "number") out.push(Number.isFinite(v) ? String(v) : "null");
    else if (typeof v === "boolean") out.push(v ? "true" : "false");
    else if (typeof v === "bigint") throw new TypeError("Do not know how to serialize a BigInt");
    else if (Array.isArray(v)) {
      out.push("[");
      stack.push({ array: true, keys: null, items: v, next: 0, first: true, depth });
    } else {
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record);
      out.push("{");
      stack.push({ array: false, keys, items: keys.map((k) => record[k]), next: 0, first: true, depth });
    }
  };

  const root = prepared(value, "");
  if (!writable(root)) return undefined;
  write(root, 0);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.items.length) {
      stack.pop();
      out.push(`${frame.first ? "" : newline(frame.depth)}${frame.array ? "]" : "}"}`);
      continue;
    }
    const index = frame.next++;
    const key = frame.keys ? frame.keys[index] : String(index);
    const item = prepared(frame.items[index], key);
    if (!frame.array && !writable(item)) continue; // an object member JSON cannot hold is left out
    out.push(`${frame.first ? "" : ","}${newline(frame.depth + 1)}`);
    frame.first = false;
    if (frame.keys) out.push(`${JSON.stringify(key)}${pad ? ": " : ":"}`);
    if (writable(item)) write(item, frame.depth + 1);
    else out.push("null"); // as in an array
  }
  return out.join("");
}

function prepared(value: unknown, key: string): unknown {
  const toJSON = value !== null && typeof value === "object" ? (value as { toJSON?: unknown }).toJSON : undefined;
  return typeof toJSON === "function" ? (toJSON as (key: string) => unknown).call(value, key) : value;
}

function writable(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}

/**
 * JSON.stringify(value, null, indent) from V8's own (fast) stringify when it copes, else from
 * stringifyJson: use this wherever a payload of any depth is written as text.
 */
export function jsonText(value: unknown, indent?: number): string | undefined {
  try {
    return JSON.stringify(value, null, indent);
  } catch (error) {
    if (error instanceof RangeError) return stringifyJson(value, indent);
    throw error;
  }
}
