import type { HistoryEvent } from "../asl/history/types";
import { timeOf, type ReplayEvent } from "./history-threads";

/** A recorded event as a HistoryEvent (timestamps as Dates; details kept as they are). */
export function asHistoryEvent(event: ReplayEvent): HistoryEvent {
  const at = timeOf(event);
  return { ...event, timestamp: new Date(at ?? 0) } as HistoryEvent;
}

/**
 * The history of a replay from a checkpoint: the recorded events before the checkpoint (ids
 * 1..n-1, as they happened: recorded-history's prefix), then the engine's run, which resumed the
 * recorded history and so numbers its events from n on and links them into the recorded ones as
 * AWS would.
 */
export function spliceHistory(prefix: readonly HistoryEvent[], checkpointId: number, engine: readonly HistoryEvent[]): HistoryEvent[] {
  const first = engine[0];
  if (first && first.id !== checkpointId)
    throw new Error(`the resumed run starts at event ${first.id}, not at the checkpoint ${checkpointId}`);
  return [...prefix, ...engine];
}
