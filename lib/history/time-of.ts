/** Milliseconds since the epoch of an event timestamp (a Date or ISO-8601 text), or null when it is not a date. */
export function timeOf(timestamp: string | Date | null | undefined): number | null {
  if (timestamp === null || timestamp === undefined || timestamp === "") return null;
  const ms = typeof timestamp === "string" ? Date.parse(timestamp) : timestamp.getTime();
  return Number.isNaN(ms) ? null : ms;
}
