import type { HistoryEvent } from "../../lib/asl/history/types";

/** A compact history for assertions: `"3<-2 PassStateExited"` per event. */
export function eventLines(events: readonly HistoryEvent[]): string[] {
  return events.map((e) => `${e.id}<-${e.previousEventId} ${e.type}`);
}

/** The `*EventDetails` object of the first event of `type`. */
export function detailsOf(events: readonly HistoryEvent[], type: string, nth = 0): Record<string, unknown> | undefined {
  const matching = events.filter((e) => e.type === type);
  const event = matching[nth];
  if (!event) return undefined;
  for (const key of Object.keys(event)) {
    if (key.endsWith("EventDetails")) return (event as unknown as Record<string, Record<string, unknown>>)[key];
  }
  return undefined;
}
