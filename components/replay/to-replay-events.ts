import type { ReplayEvent } from "@/lib/replay/history-threads";
import type { EventDto } from "@/lib/model/execution";

/** Dashboard events (details under `details`) as history events replay's pure functions read. */
export function toReplayEvents(events: readonly EventDto[]): ReplayEvent[] {
  return events.map((e) => {
    const event: ReplayEvent = { id: e.id, previousEventId: e.previousEventId, type: e.type, timestamp: e.timestamp };
    if (e.details) event.eventEventDetails = e.details;
    return event;
  });
}
