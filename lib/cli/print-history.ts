import { detailsOf, type HistoryEvent } from "../asl/history/types";

/** A readable event table for the terminal: id, previous id, virtual time, type, state, error. */
export function printHistory(events: readonly HistoryEvent[], write: (line: string) => void = console.log): void {
  const start = events[0]?.timestamp.getTime() ?? 0;
  write(`${"id".padStart(5)} ${"prev".padStart(5)} ${"+time".padStart(12)}  type`);
  for (const event of events) {
    const d = (detailsOf(event) ?? {}) as Record<string, unknown>;
    const extra = [d.name, d.error, d.resource].filter((v) => typeof v === "string").join("  ");
    const elapsed = ((event.timestamp.getTime() - start) / 1000).toFixed(3) + "s";
    write(
      `${String(event.id).padStart(5)} ${String(event.previousEventId).padStart(5)} ${elapsed.padStart(12)}  ${event.type}${extra ? "  " + extra : ""}`,
    );
  }
}
