import { detailsOf } from "../../lib/asl/history/types";
import type { EventDto } from "../../lib/model/execution";

export interface EventFilter {
  /** event types to keep; empty keeps all */
  types?: ReadonlySet<string>;
  /** state name to keep (events of that state's runs); null keeps all */
  stateName?: string | null;
  /** case-insensitive text to find in the type or the details JSON */
  text?: string;
}

/**
 * Events matching the filter. `stateOfEvent` names the state an event belongs to (from
 * prepare-state-runs); events outside any state never match a state filter.
 */
export function filterEvents(
  events: readonly EventDto[],
  filter: EventFilter,
  stateOfEvent: (eventId: number) => string | null,
): EventDto[] {
  const types = filter.types && filter.types.size > 0 ? filter.types : null;
  const text = filter.text?.trim().toLowerCase() ?? "";
  const state = filter.stateName ?? null;
  if (!types && !text && state === null) return events as EventDto[];
  return events.filter((e) => {
    if (types && !types.has(e.type)) return false;
    if (state !== null && stateOfEvent(e.id) !== state) return false;
    if (
      text &&
      !e.type.toLowerCase().includes(text) &&
      !JSON.stringify(detailsOf(e) ?? {})
        .toLowerCase()
        .includes(text)
    )
      return false;
    return true;
  });
}
