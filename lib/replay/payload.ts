/**
 * A payload field of a history event as a value. AWS writes payloads as JSON text; some
 * recordings (the masked conformance cases) hold objects already; text that is not JSON stays text.
 */
export function payloadValue(field: unknown): unknown {
  if (typeof field !== "string") return field;
  try {
    return JSON.parse(field);
  } catch {
    return field;
  }
}

/** A cause field as text (recordings may hold a parsed object). */
export function causeText(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  return typeof cause === "string" ? cause : JSON.stringify(cause);
}

/**
 * Deep JSON equality, object key order ignored. A string in `actual` equal to `wildcard` (a task
 * token the replay issued, which never equals the recorded one) matches any string.
 */
export function sameJson(expected: unknown, actual: unknown, wildcard?: string): boolean {
  if (expected === actual) return true;
  if (wildcard !== undefined && actual === wildcard && typeof expected === "string") return true;
  if (typeof expected !== "object" || typeof actual !== "object" || expected === null || actual === null) return false;
  if (Array.isArray(expected) !== Array.isArray(actual)) return false;
  if (Array.isArray(expected)) {
    const other = actual as unknown[];
    if (expected.length !== other.length) return false;
    return expected.every((item, i) => sameJson(item, other[i], wildcard));
  }
  const a = expected as Record<string, unknown>;
  const b = actual as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameJson(a[key], b[key], wildcard));
}
