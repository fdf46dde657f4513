import { groupStateRuns } from "../../lib/history/group-state-runs";
import type { DefinitionIndex } from "../../lib/asl/definition/definition-model";
import type { PreparedRuns } from "../../lib/history/state-run-types";
import type { EventDto } from "../../lib/model/execution";

/**
 * The dashboard's state runs of a history: the same derivation ingestion stores as StateRun rows
 * (lib/history/group-state-runs), read by the graph, the timeline, the inspector and the events.
 * The API's events are AWS's HistoryEvent as JSON, the one shape the derivation reads.
 */
export function prepareStateRuns(
  events: readonly EventDto[],
  definition?: string | Record<string, unknown> | DefinitionIndex | null,
): PreparedRuns {
  return groupStateRuns(events, definition);
}
