import { becomesSource, isContainerStart } from "../asl/history/event-roles";
import type { StartFrom } from "../asl";
import type { IterationResume, StateResume, ThreadResume } from "../asl";
import type { Checkpoint } from "./checkpoints";
import type { HistoryWalk, ThreadRecord } from "./checkpoints-walk";
import type { DefinitionScopes } from "./definition-scopes";
import { eventDetails, timeOf, type ReplayEvent, type Thread } from "./history-threads";
import type { RecordedHistory, RecordingAtCheckpoint } from "./recorded-history";
import { checkpointError } from "./replay-errors";

/**
 * The whole execution as it stood at a checkpoint, for the engine to continue (lib/asl's
 * `startFrom.resume`): the top-level state in progress; inside each Map the iterations that
 * finished (their recorded outputs), the ones running (each in the state it was in) and the rest
 * not started; inside each Parallel the finished and running branches; the checkpoint's own thread
 * entering its state (or starting the Task's next attempt with its retriers' counters). States
 * other threads were in re-run from their recorded entry, silently, with their recorded task results.
 */
export function resumeFrom(recording: RecordedHistory, input: unknown, fallbackMs = 0): StartFrom {
  if (!recording.at) throw new Error("resumeFrom needs a recording read at a checkpoint");
  return new ResumeBuilder(recording, recording.at, input, fallbackMs).build();
}

class ResumeBuilder {
  private readonly walk: HistoryWalk;
  private readonly scopes: DefinitionScopes;
  private readonly checkpoint: Checkpoint;
  private readonly at: Date;
  private readonly chosen: Thread;
  /** Threads with events at or after the checkpoint (a branch that exited its last state but goes on). */
  private readonly later: Set<Thread>;
  private readonly byId: Map<number, ReplayEvent>;
  /** Each thread's first state entry after the checkpoint (where a thread between states goes on). */
  private readonly nextEntry: Map<Thread, ReplayEvent>;

  constructor(
    recording: RecordedHistory,
    at: RecordingAtCheckpoint,
    private readonly input: unknown,
    /** The time to use when the history's timestamps are not dates (masked recordings). */
    fallbackMs: number,
  ) {
    this.walk = recording.walk;
    this.scopes = recording.scopes;
    this.byId = recording.byId;
    this.checkpoint = at.checkpoint;
    this.chosen = at.chosen;
    this.later = at.later;
    this.nextEntry = at.nextEntry;
    const event = this.byId.get(this.checkpoint.eventId);
    this.at = new Date((event && timeOf(event)) ?? fallbackMs);
  }

  build(): StartFrom {
    const n = this.checkpoint.eventId;
    const root = this.walk.tracker.root;
    const resume = this.thread(root);
    if (resume.stateName === undefined || !resume.state) throw checkpointError(n, `no top-level state is in progress there`);
    return { stateName: resume.stateName, input: resume.input, variables: resume.variables, resume: { eventId: n, state: resume.state } };
  }

  private record(thread: Thread): ThreadRecord | undefined {
    return this.walk.records.get(thread);
  }

  /** Where one thread stands at the checkpoint. */
  private thread(thread: Thread): ThreadResume {
    if (thread === this.chosen) return this.chosenThread(thread);
    const record = this.record(thread);
    const entry = record?.entry;
    if (!record || !entry) throw checkpointError(this.checkpoint.eventId, `thread ${thread.key || "(top level)"} is in no state`);
    const base = { stateName: entry.name, input: entry.input, variables: entry.variables, ...this.startedAt(thread, entry.link) };
    const scope = this.scopes.states.get(entry.name);
    const container = this.isContainer(entry.name);
    if (
      !entry.exit &&
      container &&
      (this.onPath(thread) || this.childrenOf(thread).length > 0 || this.iterationStarts(record).length > 0)
    ) {
      return { ...base, state: this.inside(thread, record, scope!.type) };
    }
    // A Map or Parallel that exited, the next state not entered yet: that entry comes as recorded.
    const next = this.nextEntry.get(thread);
    if (entry.exit && container && next) {
      const name = eventDetails(next)?.name;
      const state: StateResume = { how: "enter", enteredAt: this.date(timeOf(next)), enteredLink: next.previousEventId };
      return { stateName: typeof name === "string" ? name : "", input: entry.exit.output, variables: record.variables, state };
    }
    // A state in progress (or exited, the next one not entered yet): run again from its entry.
    return this.rerun(thread, record, record.entries.length - 1);
  }

  /**
   * Runs a thread again, silently, up to the checkpoint: from the state it was in, or, when that
   * state was entered at the checkpoint's instant, from the first state it entered at that
   * instant (or the one before, whose timer woke it then), so it takes the same turns among its
   * siblings as it did in the recording. `enter`: the checkpoint's own thread, which then enters
   * the checkpoint state with its (edited) input.
   */
  private rerun(thread: Thread, record: ThreadRecord, last: number, enter?: { stateName: string; input: unknown }): ThreadResume {
    const t = this.at.getTime();
    let first = last;
    while (first > 0 && record.entries[first].at === t && !this.isContainer(record.entries[first - 1].name)) first--;
    const from = record.entries[first];
    const events = record.events.filter((e) => e.id >= from.eventId).map(({ id, type }) => ({ id, type }));
    const state: StateResume = { how: "rerun", enteredAt: this.date(from.at), enteredLink: from.link, events };
    if (enter) state.then = enter;
    return { stateName: from.name, input: from.input, variables: from.variables, state, ...this.startedAt(thread, from.link) };
  }

  private chosenThread(thread: Thread): ThreadResume {
    const record = this.record(thread);
    const own = record?.variables ?? {};
    const event = this.byId.get(this.checkpoint.eventId)!;
    if (this.checkpoint.attempt <= 1) {
      // After states entered at the same instant: run them again first (see `rerun`).
      const previous = record?.entries[record.entries.length - 1];
      if (record && previous?.exit && previous.exit.at === this.at.getTime() && !this.isContainer(previous.name)) {
        return this.rerun(thread, record, record.entries.length - 1, { stateName: this.checkpoint.stateName, input: this.input });
      }
      const state: StateResume = { how: "enter", enteredAt: this.at, enteredLink: event.previousEventId };
      return {
        stateName: this.checkpoint.stateName,
        input: this.input,
        variables: own,
        state,
        ...this.startedAt(thread, event.previousEventId),
      };
    }
    const entry = record?.entry;
    if (!entry || entry.name !== this.checkpoint.stateName)
      throw checkpointError(this.checkpoint.eventId, `its state's entry is not in the history`);
    const prefix = `${thread.key}|${entry.name}#${entry.visit}|`;
    const failedAttempts = this.walk.tracker.calls
      .filter((c) => c.key.startsWith(prefix) && c.scheduledId < this.checkpoint.eventId && c.end)
      .map((c) => (c.end!.type.endsWith("TimedOut") ? (c.end!.error ?? "States.Timeout") : (c.end!.error ?? "")));
    const state: StateResume = {
      how: "attempt",
      enteredAt: this.date(entry.at),
      enteredLink: entry.link,
      enteredEventId: entry.eventId,
      source: event.previousEventId,
      at: this.at,
      failedAttempts,
    };
    return { stateName: entry.name, input: this.input, variables: entry.variables, state };
  }

  /** A Map or Parallel in progress: its iterations or branches. */
  private inside(thread: Thread, record: ThreadRecord, type: string): StateResume {
    const entry = record.entry!;
    const own = record.events.filter((e) => e.id > entry.eventId);
    const starts = own.filter((e) => isContainerStart(e.type));
    if (starts.length > 1)
      throw checkpointError(
        this.checkpoint.eventId,
        `it lies in a retried attempt of ${entry.name}, whose counters the history does not tell`,
      );
    const sources = own.filter((e) => becomesSource(e.type));
    const state: StateResume = {
      how: "inside",
      enteredAt: this.date(entry.at),
      enteredLink: entry.link,
      enteredEventId: entry.eventId,
      source: sources.length ? sources[sources.length - 1].id : entry.eventId,
      at: this.at,
    };
    const children = this.childrenOf(thread);
    if (type === "Map") {
      const iterations = new Map<number, IterationResume>();
      for (const child of children) {
        const index = child.index;
        if (index === undefined)
          throw checkpointError(this.checkpoint.eventId, `an iteration of ${entry.name} has no index in the history`);
        const childRecord = this.record(child);
        if (childRecord?.done) iterations.set(index, { index, done: { output: this.lastOutput(childRecord) } });
        else iterations.set(index, { index, running: this.thread(child) });
      }
      for (const started of this.iterationStarts(record)) {
        if (!iterations.has(started.index))
          iterations.set(started.index, {
            index: started.index,
            running: { iterationStarted: { id: started.id, at: this.date(started.at) } },
          });
      }
      state.iterations = [...iterations.values()].sort((a, b) => a.index - b.index);
    } else {
      const branches: StateResume["branches"] = [];
      for (const child of children) {
        const branch = child.container?.branch ?? 0;
        const childRecord = this.record(child);
        const finished = child !== this.chosen && !this.later.has(child) && childRecord?.entry?.exit !== undefined && !this.onPath(child);
        branches[branch] = finished ? { done: { output: this.lastOutput(childRecord!) } } : { running: this.thread(child) };
      }
      state.branches = branches;
    }
    return state;
  }

  /** The threads a container state's current entry started (recorded before the checkpoint, or the checkpoint's). */
  private childrenOf(thread: Thread): Thread[] {
    const entry = this.record(thread)?.entry;
    if (!entry) return [];
    const prefix = `${entry.name}@${entry.visit}`;
    const out: Thread[] = [];
    for (const [segment, child] of thread.children) {
      if (!segment.startsWith(prefix) || !/^[[/]/.test(segment.slice(prefix.length))) continue;
      if (this.record(child) || this.onPath(child)) out.push(child);
    }
    return out;
  }

  /** MapIterationStarted events of the thread's current (Map) entry: their ids, indices and times. */
  private iterationStarts(record: ThreadRecord): { id: number; index: number; at: number | undefined }[] {
    const entry = record.entry;
    if (!entry) return [];
    const out: { id: number; index: number; at: number | undefined }[] = [];
    for (const e of record.events) {
      if (e.id <= entry.eventId || e.type !== "MapIterationStarted") continue;
      const details = eventDetails(this.byId.get(e.id)!);
      if (typeof details?.index === "number") out.push({ id: e.id, index: details.index, at: e.at });
    }
    return out;
  }

  /**
   * An iteration whose state entry follows its MapIterationStarted at the same instant resumes
   * through that event (silently), taking the turns a starting iteration takes.
   */
  private startedAt(thread: Thread, link: number): Pick<ThreadResume, "iterationStarted"> {
    const started = this.byId.get(link);
    if (thread.container?.kind !== "map" || started?.type !== "MapIterationStarted") return {};
    const at = timeOf(started);
    return at === undefined || at !== this.at.getTime() ? {} : { iterationStarted: { id: link, at: new Date(at) } };
  }

  /** Map and Parallel states run threads of their own: they resume `inside`, never re-run. */
  private isContainer(name: string): boolean {
    const type = this.scopes.states.get(name)?.type;
    return type === "Map" || type === "Parallel";
  }

  /** Whether the checkpoint's thread is this one or inside it. */
  private onPath(thread: Thread): boolean {
    for (let t: Thread | undefined = this.chosen; t; t = t.parent) if (t === thread) return true;
    return false;
  }

  /** A finished thread's output: what its last state exited with. */
  private lastOutput(record: ThreadRecord): unknown {
    return record.entry?.exit ? record.entry.exit.output : null;
  }

  private date(at: number | undefined): Date {
    return new Date(at ?? this.at.getTime());
  }
}
