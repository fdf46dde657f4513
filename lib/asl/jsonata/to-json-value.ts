/** Thrown when a JSONata result holds something JSON cannot represent (a function). */
export class UnsupportedResult extends Error {}

/**
 * Turns a jsonata result into plain JSON: sequences become ordinary arrays, `undefined` members
 * are dropped from objects (null in arrays, as JSON.stringify would). Unchanged parts are returned
 * as-is, so large inputs passed through `$states.input` are not copied.
 */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === "function") throw new UnsupportedResult();
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    let changed = Object.keys(value).length !== value.length;
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const converted = item === undefined ? null : toJsonValue(item);
      if (converted !== item) changed = true;
      out[i] = converted;
    }
    return changed ? out : value;
  }
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const converted = item === undefined ? undefined : toJsonValue(item);
    if (converted !== item || item === undefined) {
      out ??= copyUpTo(record, key);
    }
    if (out && converted !== undefined) out[key] = converted;
  }
  return out ?? value;
}

function copyUpTo(record: Record<string, unknown>, stop: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (key === stop) break;
    if (record[key] !== undefined) out[key] = record[key];
  }
  return out;
}
