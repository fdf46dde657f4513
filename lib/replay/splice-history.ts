import type { HistoryEvent } from "../asl/history/types";
import { timeOf, type ReplayEvent } from "./history-threads";

/** A recorded event as a HistoryEvent (timestamps as Dates; details kept as they are). */
export function asHistoryEvent(event: ReplayEvent): HistoryEvent {
  const at = timeOf(event);
  return { ...event, timestamp: new Date(at ?? 0) } as HistoryEvent;
}

/**
 * The history of a replay from a checkpoint: the recorded events before the checkpoint entry
 * (ids 1..n-1, as they happened), then the engine's run from that entry on, renumbered so the
 * entry keeps the recorded id and links to the recorded event before it. The engine's own
 * ExecutionStarted is dropped (the recorded one opens the history).
 */
export function spliceHistory(recorded: readonly ReplayEvent[], checkpointId: number, engine: readonly HistoryEvent[]): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  let entryLink = 0;
  for (const event of recorded) {
    if (event.id < checkpointId) out.push(asHistoryEvent(event));
    else if (event.id === checkpointId) entryLink = event.previousEventId;
  }
  const offset = checkpointId - 2;
  for (const event of engine) {
    if (event.type === "ExecutionStarted") continue;
    const isEntry = event.id === 2;
    const previousEventId = isEntry ? entryLink : event.previousEventId === 0 ? 0 : event.previousEventId + offset;
    out.push({ ...event, id: event.id + offset, previousEventId });
  }
  return out;
}
