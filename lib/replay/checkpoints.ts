import { definitionScopes } from "./definition-scopes";
import { eventDetails, timeOf, type ReplayEvent } from "./history-threads";
import { payloadValue } from "./payload";

/** A point a replay can start from: one entry into a top-level state. */
export interface Checkpoint {
  /** The id of the `*StateEntered` event. */
  eventId: number;
  stateName: string;
  /** `Task`, `Pass`, `Map`, ... (from the event type). */
  stateType: string;
  /** 1 for the first entry into this state, 2 for the second (loops) ... */
  visit: number;
  /** ISO-8601 time of the entry, when the history has one. */
  timestamp: string | null;
  /** The state's input as it entered. */
  input: unknown;
  /** The variables in scope at the entry (from `assignedVariables` of earlier top-level exits). */
  variables: Record<string, unknown>;
}

/**
 * Every point a replay can start from: each entry into a top-level state (Map iterations and
 * Parallel branches cannot be entered on their own), with its input and the variables in scope.
 */
export function checkpoints(events: readonly ReplayEvent[], definition: string | object): Checkpoint[] {
  const scopes = definitionScopes(definition);
  const topLevel = (name: string) => scopes.states.get(name)?.containers.length === 0;
  const out: Checkpoint[] = [];
  const visits = new Map<string, number>();
  let variables: Record<string, unknown> = {};
  let changed = false;
  for (const event of events) {
    const type = event.type;
    const entered = type.endsWith("StateEntered");
    if (!entered && !type.endsWith("StateExited")) continue;
    const details = eventDetails(event);
    const name = typeof details?.name === "string" ? details.name : "";
    if (!topLevel(name)) continue;
    if (entered) {
      const visit = (visits.get(name) ?? 0) + 1;
      visits.set(name, visit);
      const at = timeOf(event);
      out.push({
        eventId: event.id,
        stateName: name,
        stateType: type.slice(0, -"StateEntered".length),
        visit,
        timestamp: at === undefined ? null : new Date(at).toISOString(),
        input: payloadValue(details?.input),
        variables,
      });
      changed = false;
      continue;
    }
    const assigned = details?.assignedVariables;
    if (assigned && typeof assigned === "object") {
      // Copy on write: checkpoints share one object until an exit assigns something.
      if (!changed) variables = { ...variables };
      changed = true;
      for (const [key, value] of Object.entries(assigned)) variables[key] = payloadValue(value);
    }
  }
  return out;
}

/**
 * The checkpoint `from` names: an event id (number, or digits) or a state name (its last entry,
 * closest to where the execution ended). Throws an error listing the choices when none matches.
 */
export function findCheckpoint(list: readonly Checkpoint[], from: string | number): Checkpoint {
  const text = String(from).trim();
  const byId = /^\d+$/.test(text) ? list.find((c) => c.eventId === Number(text)) : undefined;
  const found = byId ?? [...list].reverse().find((c) => c.stateName === text);
  if (found) return found;
  const choices = list.slice(0, 30).map((c) => `${c.eventId} ${c.stateName}`).join(", ");
  const what = /^\d+$/.test(text) ? `event ${text} is not the entry into a top-level state` : `no top-level state named "${text}" was entered`;
  throw new Error(`cannot replay from ${text}: ${what}. Checkpoints: ${choices || "none"}${list.length > 30 ? ", ..." : ""}`);
}

/**
 * The checkpoint a user most likely wants: the entry into the top-level state in which the
 * execution failed (the last entry before the first failure event), else the last entry.
 */
export function defaultCheckpoint(list: readonly Checkpoint[], events: readonly ReplayEvent[]): Checkpoint | undefined {
  const failure = events.find((e) => /(Failed|TimedOut|Aborted)$/.test(e.type) && !e.type.startsWith("MapIteration"));
  const before = failure ? list.filter((c) => c.eventId < failure.id) : list;
  return before[before.length - 1] ?? list[list.length - 1];
}
