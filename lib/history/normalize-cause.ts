/**
 * A failure cause with what differs between executions of the same failure replaced by
 * placeholders, so "Order 1234 not found (request 5f0c...)" and "Order 98 not found (request
 * 77ab...)" group together. Order matters: ARNs and UUIDs contain digits and hex runs that the
 * later, broader patterns would otherwise cut into pieces.
 */
const RULES: [RegExp, string][] = [
  // arn:partition:service:region:account:resource (the resource may contain ':' and '/')
  [/\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d*:[^\s"'`,;()[\]{}<>]+/gi, "<arn>"],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>"],
  // ISO-8601 dates and times, with or without seconds, fraction and offset
  [/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g, "<time>"],
  // hex runs of 8 or more with a digit (request ids, hashes, X-Ray ids)
  [/\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, "<id>"],
  // random-looking tokens of 10 or more letters and digits mixed (e.g. "AbC9xY2kLm")
  [/\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{10,}\b/g, "<id>"],
  // any other number, also inside words ("order-1234", "line 42", "3.5s")
  [/\d+(?:\.\d+)?/g, "<n>"],
];

/** Longer causes (stack traces) are cut here: the start says what failed. */
export const NORMALIZED_CAUSE_MAX = 500;

export function normalizeCause(cause: string | null | undefined): string | null {
  if (cause === null || cause === undefined) return null;
  let text = cause;
  for (const [pattern, placeholder] of RULES) text = text.replace(pattern, placeholder);
  text = text.replace(/\s+/g, " ").trim();
  return text.length > NORMALIZED_CAUSE_MAX ? `${text.slice(0, NORMALIZED_CAUSE_MAX)}…` : text;
}
