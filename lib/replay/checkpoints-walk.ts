import { containerEnd, isMapIterationEnd, taskEventType } from "../asl/history/event-roles";
import type { DefinitionScopes } from "./definition-scopes";
import { eventDetails, ThreadTracker, timeOf, type ReplayEvent, type TaskCall, type Thread } from "./history-threads";
import { payloadValue } from "./payload";

/** One entry into a state, as a thread of the history saw it. */
export interface EntryRecord {
  eventId: number;
  name: string;
  /** `Task`, `Map`, ... (from the event type). */
  stateType: string;
  input: unknown;
  at: number | undefined;
  /** The entry's previousEventId. */
  link: number;
  /** 1 for the thread's first entry into this state, 2 for the second ... */
  visit: number;
  /** The thread's own variables as the state was entered. */
  variables: Record<string, unknown>;
  /** Set once the state exited. */
  exit?: { output: unknown; at: number | undefined };
}

/** What one thread (the top level, a Map iteration, a Parallel branch) did so far. */
export interface ThreadRecord {
  thread: Thread;
  /** Its events (as the tracker places them), in order. */
  events: { id: number; type: string; at: number | undefined }[];
  /** What the thread itself assigned so far (copy on write: entries share it until an exit assigns). */
  variables: Record<string, unknown>;
  entry: EntryRecord | undefined;
  /** Every entry of the thread, in order (`entry` is the last). */
  entries: EntryRecord[];
  /** A Map iteration that ended (MapIterationSucceeded). */
  done: boolean;
}

/** One event added to a walk: its thread, that thread's record, the entry or task call it made. */
export interface WalkStep {
  thread: Thread;
  /** undefined when the event was only followed (`keep: false`) and its thread has no record yet. */
  record: ThreadRecord | undefined;
  entry?: EntryRecord;
  call?: TaskCall;
}

/**
 * Follows a recorded history thread by thread: for each thread its events, its own variables,
 * the state it is in. Both the checkpoint list and the resume point of one checkpoint read it.
 */
export class HistoryWalk {
  readonly tracker: ThreadTracker;
  readonly records = new Map<Thread, ThreadRecord>();

  constructor(scopes: DefinitionScopes) {
    this.tracker = new ThreadTracker(scopes);
  }

  record(thread: Thread): ThreadRecord {
    let record = this.records.get(thread);
    if (!record) {
      record = { thread, events: [], variables: {}, entry: undefined, entries: [], done: false };
      this.records.set(thread, record);
    }
    return record;
  }

  /**
   * Adds one event. Returns its thread, the entry it made (a `*StateEntered`) or the task call it
   * scheduled (a `*Scheduled`), for the checkpoint list. `keep: false` only follows the event
   * (threads, calls): the threads' records stay as they were before it, as a resume reads them.
   */
  add(event: ReplayEvent, keep = true): WalkStep {
    const calls = this.tracker.calls.length;
    this.tracker.add(event);
    const thread = this.owner(event);
    const type = event.type;
    const at = timeOf(event);
    const call = taskEventType(type)?.phase === "Scheduled" && this.tracker.calls.length > calls ? this.tracker.calls.at(-1) : undefined;
    if (!keep) {
      const record = this.records.get(thread);
      if (type.endsWith("StateEntered")) return { thread, record, entry: this.entryOf(event, at, record?.variables ?? {}) };
      return { thread, record, call };
    }
    const record = this.record(thread);
    record.events.push({ id: event.id, type, at });
    if (type.endsWith("StateEntered")) {
      record.entry = this.entryOf(event, at, record.variables);
      record.entries.push(record.entry);
      return { thread, record, entry: record.entry };
    }
    if (type.endsWith("StateExited")) {
      const details = eventDetails(event);
      const assigned = details?.assignedVariables;
      if (assigned && typeof assigned === "object") {
        record.variables = { ...record.variables };
        for (const [key, value] of Object.entries(assigned)) record.variables[key] = payloadValue(value);
      }
      if (record.entry) record.entry.exit = { output: payloadValue(details?.output), at };
      return { thread, record };
    }
    if (type === "MapIterationSucceeded") record.done = true;
    return { thread, record, call };
  }

  private entryOf(event: ReplayEvent, at: number | undefined, variables: Record<string, unknown>): EntryRecord {
    const details = eventDetails(event);
    return {
      eventId: event.id,
      name: typeof details?.name === "string" ? details.name : "",
      stateType: event.type.slice(0, -"StateEntered".length),
      input: payloadValue(details?.input),
      at,
      link: event.previousEventId,
      visit: this.tracker.entries[this.tracker.entries.length - 1]?.visit ?? 1,
      variables,
    };
  }

  /**
   * The thread an added event belongs to. The tracker places events after their link, which for
   * the ends of iterations and of Maps/Parallels (and a Map's later MapIterationStarted) is the
   * last event of a thread inside: these belong to the iteration or to the Map/Parallel's thread.
   */
  owner(event: ReplayEvent): Thread {
    const thread = this.tracker.threadOf(event.id)!;
    const type = event.type;
    if (type === "MapIterationStarted") {
      // It links to the Map's latest event, which may be the end of an earlier iteration.
      const name = eventDetails(event)?.name;
      for (let t: Thread | undefined = thread; t; t = t.parent)
        if (t.container?.kind === "map" && t.container.state === name) return t.parent ?? thread;
      return thread;
    }
    if (isMapIterationEnd(type)) {
      const name = eventDetails(event)?.name;
      for (let t: Thread | undefined = thread; t; t = t.parent) if (t.container?.kind === "map" && t.container.state === name) return t;
      return thread;
    }
    const end = containerEnd(type);
    if (!end) return thread;
    const name = end.phase === "Exited" ? eventDetails(event)?.name : undefined;
    for (let t: Thread | undefined = thread; t; t = t.parent) {
      const entry = this.records.get(t)?.entry;
      if (entry && !entry.exit && entry.stateType === end.container && (name === undefined || entry.name === name)) return t;
    }
    return thread;
  }

  /** The variables in scope in a thread: its containers' (as they entered them), then its own. */
  scope(thread: Thread, own: Record<string, unknown>): Record<string, unknown> {
    const outer: Record<string, unknown>[] = [];
    for (let t = thread.parent; t; t = t.parent) {
      const vars = this.records.get(t)?.entry?.variables;
      if (vars && Object.keys(vars).length) outer.push(vars);
    }
    if (outer.length === 0) return own;
    return Object.assign({}, ...outer.reverse(), own);
  }
}
