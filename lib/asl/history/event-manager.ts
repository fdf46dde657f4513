import type { EventDetails, HistoryEvent } from "./types";
import { ExecutionTermination } from "../evaluate/termination";
import { recordedEvent } from "./recorded-event";

/**
 * Where a thread of the execution (the top level, a Parallel branch, a Map iteration) stands in
 * the history: `source` is the id the next event will name as its `previousEventId`, `last` the id
 * of the thread's most recent event. AWS links most events to the previous event of the same
 * thread; a few (…StateSucceeded, MapIterationSucceeded, ExecutionStarted) are published without
 * becoming the source of the next one.
 */
export class EventContext {
  constructor(
    public source = 0,
    public last = 0,
  ) {}

  /**
   * Recorded events this thread emits again without recording them (a state re-run on resume):
   * each next event takes the recorded id instead of a new one, until the list is used up.
   */
  replaying: { id: number; type: string }[] | undefined;

  /** A child thread starting where this one stands. */
  fork(): EventContext {
    return new EventContext(this.source, this.source);
  }

  /** Takes in a finished child thread: the later of both positions wins. */
  join(child: EventContext): void {
    if (child.source > this.source) this.source = child.source;
    if (child.last > this.last) this.last = child.last;
  }
}

/** The error AWS reports when an execution's history outgrows its limit. */
export const HISTORY_LIMIT_ERROR = "States.Runtime";

/**
 * Appends events with AWS's `id` / `previousEventId` numbering and virtual-clock timestamps.
 * A manager created with `record: false` numbers events but keeps none (distributed Map
 * iterations run as child executions whose events stay out of the parent history).
 */
export class EventManager {
  readonly events: HistoryEvent[] = [];
  private nextId: number;

  constructor(
    private readonly clock: { now(): number },
    private readonly maxEvents = 25_000,
    private readonly record = true,
    /** The first event's id (a resumed execution continues a recorded history's numbering). */
    firstId = 1,
    /** Hears the number of events recorded so far after each one (a re-run catching up, see ExecutionSettings.catchUp). */
    private readonly onRecorded?: (count: number) => void,
  ) {
    this.nextId = firstId;
  }

  get count(): number {
    return this.nextId - 1;
  }

  add(
    context: EventContext,
    type: string,
    detailsKey?: string,
    details?: EventDetails,
    updateSource = true,
    previousEventId = context.source,
  ): number {
    // The execution's end is never a re-run event (a failed re-run ends the execution with its cause).
    const replayed = type.startsWith("Execution") ? undefined : context.replaying?.shift();
    if (replayed) return this.replay(context, replayed, type, updateSource);
    const id = this.nextId;
    if (this.record) {
      // The last slot stays free for the terminal Execution* event.
      if (id >= this.maxEvents && !type.startsWith("Execution")) {
        throw new ExecutionTermination(
          "FAILED",
          HISTORY_LIMIT_ERROR,
          `The execution reached the maximum number of history events (${this.maxEvents}).`,
        );
      }
      this.nextId++;
      this.events.push(recordedEvent(this.timestamp(), type, id, previousEventId, detailsKey, details));
      this.onRecorded?.(this.events.length);
    } else this.nextId++;
    context.last = id;
    if (updateSource) context.source = id;
    return id;
  }

  /** An event emitted again on resume: it keeps its recorded id and is not recorded twice. */
  private replay(context: EventContext, recorded: { id: number; type: string }, type: string, updateSource: boolean): number {
    if (recorded.type !== type) {
      throw new ExecutionTermination(
        "FAILED",
        "States.Runtime",
        `Cannot resume: a state re-run from the recording emitted ${type} where the recording has ${recorded.type} (event ${recorded.id}).`,
      );
    }
    context.last = recorded.id;
    if (updateSource) context.source = recorded.id;
    return recorded.id;
  }

  private lastMs = Number.NaN;
  private lastDate = new Date(0);

  /** Events at the same virtual instant share one Date (treat event timestamps as read-only). */
  private timestamp(): Date {
    const ms = this.clock.now();
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastDate = new Date(ms);
    }
    return this.lastDate;
  }

  /** Like `add`, but with an explicit previousEventId (a few AWS events link backwards). */
  addLinked(context: EventContext, previousEventId: number, type: string, detailsKey?: string, details?: EventDetails): number {
    const saved = context.source;
    context.source = previousEventId;
    try {
      return this.add(context, type, detailsKey, details);
    } catch (error) {
      context.source = saved;
      throw error;
    }
  }
}
