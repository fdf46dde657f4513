/**
 * How States.Format renders a non-string argument: Java `toString` of the parsed JSON, i.e.
 * objects as `{a=1, b=[x, y]}`, arrays as `[1, 2]`, null as `null`, strings unquoted.
 */
export function toJavaString(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(toJavaString).join(", ")}]`;
  if (typeof value === "object") {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) parts.push(`${key}=${toJavaString(item)}`);
    return `{${parts.join(", ")}}`;
  }
  return JSON.stringify(value);
}
