/**
 * Replaces, inside an object tree, every string member that starts with `{` and parses as JSON
 * by the parsed value, the way the recordings were stored: objects are walked (also objects
 * inside arrays), but a value produced by parsing is not walked again, and strings that are
 * array items or start with `[` stay text.
 */
export function parseJsonTextMembers(node: unknown): void {
  if (!node || typeof node !== "object" || Array.isArray(node)) return;
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) parseJsonTextMembers(item);
    } else if (value && typeof value === "object") {
      parseJsonTextMembers(value);
    } else if (typeof value === "string" && value.startsWith("{")) {
      try {
        record[key] = JSON.parse(value);
      } catch {
        // not JSON after all: the recording keeps such strings as they are
      }
    }
  }
}
