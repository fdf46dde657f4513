/**
 * JSON text the way Python's `json.dumps` writes it by default (`", "` and `": "` separators,
 * non-ASCII characters escaped as `\uXXXX`). AWS Lambda's legacy (function ARN) integration
 * reports function errors as such text, so a recorded cause parsed into JSON is re-serialised
 * with this to get the original text back.
 */
export function pythonJsonText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") {
    return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  }
  if (typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonText).join(", ")}]`;
  if (typeof value === "object") {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${pythonJsonText(k)}: ${pythonJsonText(v)}`);
    return `{${members.join(", ")}}`;
  }
  return "null";
}
