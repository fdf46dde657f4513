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
 * token the replay issued, which never equals the recorded one) matches any string. Walks with a
 * stack of its own, so payloads nested 10,000 levels deep compare without overflowing.
 */
export function sameJson(expected: unknown, actual: unknown, wildcard?: string): boolean {
  const pending: [unknown, unknown][] = [[expected, actual]];
  while (pending.length > 0) {
    const [a, b] = pending.pop()!;
    if (a === b) continue;
    if (wildcard !== undefined && b === wildcard && typeof a === "string") continue;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
      const other = b as unknown[];
      if (a.length !== other.length) return false;
      for (let i = 0; i < a.length; i++) pending.push([a[i], other[i]]);
      continue;
    }
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) return false;
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(right, key)) return false;
      pending.push([left[key], right[key]]);
    }
  }
  return true;
}
