import type { HistoryEvent } from "../asl/history/types";
import { checkpointOf, checkpoints, findCheckpoint, type Checkpoint } from "./checkpoints";
import { HistoryWalk } from "./checkpoints-walk";
import { definitionScopes, type DefinitionScopes } from "./definition-scopes";
import { ThreadTracker, type ReplayEvent, type Thread } from "./history-threads";
import { asHistoryEvent } from "./splice-history";
import { checkpointError } from "./replay-errors";

/** The recording as it stood at the checkpoint a replay starts from. */
export interface RecordingAtCheckpoint {
  checkpoint: Checkpoint;
  /** The thread the checkpoint's event belongs to. */
  chosen: Thread;
  /** Threads with events at or after the checkpoint (and the threads around them). */
  later: Set<Thread>;
  /** Each thread's first state entry after the checkpoint. */
  nextEntry: Map<Thread, ReplayEvent>;
  /** The recorded events before the checkpoint, which the replay's history starts with. */
  prefix: HistoryEvent[];
}

/**
 * A recorded history as a replay reads it, from one pass over its events: the threads of the
 * whole recording (every task call, Map Run and refusal, for the recorded task invoker), the
 * threads' records as they stood at the checkpoint (what checkpoints-resume rebuilds the
 * execution from), the replay's own tracker fed the recording up to the checkpoint, the events by
 * id and the prefix the replay's history starts with.
 */
export interface RecordedHistory {
  events: readonly ReplayEvent[];
  /** The recorded definition's scopes (parsed once). */
  scopes: DefinitionScopes;
  byId: Map<number, ReplayEvent>;
  started: ReplayEvent | undefined;
  /** Records stop at the checkpoint; its tracker has followed the whole history. */
  walk: HistoryWalk;
  /** The replay's own threads (by the definition it runs), up to the checkpoint. */
  live: ThreadTracker;
  /** null: a replay from the start. */
  at: RecordingAtCheckpoint | null;
}

/**
 * Reads a recording for a replay from the start or from `from` (see findCheckpoint). An event id
 * is resolved during the pass; a name, path or label needs the whole checkpoint list first (its
 * last entry of a top-level state, its first match of a path), which is one walk more.
 */
export function readRecording(
  events: readonly ReplayEvent[],
  definition: string | object,
  from?: string | number,
  replayScopes?: DefinitionScopes,
): RecordedHistory {
  const scopes = definitionScopes(definition);
  const id = from === undefined || from === "" ? undefined : String(from).trim();
  const n = id === undefined ? Infinity : /^\d+$/.test(id) ? Number(id) : findCheckpoint(checkpoints(events, scopes), from!).eventId;
  const walk = new HistoryWalk(scopes);
  const live = new ThreadTracker(replayScopes ?? scopes);
  const byId = new Map<number, ReplayEvent>();
  const prefix: HistoryEvent[] = [];
  const later = new Set<Thread>();
  const nextEntry = new Map<Thread, ReplayEvent>();
  let started: ReplayEvent | undefined;
  let checkpoint: Checkpoint | undefined;
  let chosen: Thread | undefined;
  for (const event of events) {
    byId.set(event.id, event);
    if (!started && event.type === "ExecutionStarted") started = event;
    if (n === Infinity) {
      walk.tracker.add(event);
      continue;
    }
    if (event.id < n) {
      walk.add(event);
      live.add(event);
      prefix.push(asHistoryEvent(event));
      continue;
    }
    const step = walk.add(event, false);
    if (event.id === n) {
      chosen = step.thread;
      checkpoint = checkpointOf(walk, event.id, step);
    } else if (event.type.endsWith("StateEntered") && !nextEntry.has(step.thread)) nextEntry.set(step.thread, event);
    for (let t: Thread | undefined = step.thread; t; t = t.parent) later.add(t);
  }
  if (n !== Infinity && !checkpoint) findCheckpoint(checkpoints(events, scopes), from!);
  if (n !== Infinity && (!checkpoint || !chosen)) throw checkpointError(n, `the history has no event ${n}`);
  const at = checkpoint && chosen ? { checkpoint, chosen, later, nextEntry, prefix } : null;
  return { events, scopes, byId, started, walk, live, at };
}
