import { endsTaskCall, isMapRunEnd, taskEventType } from "../asl/history/event-roles";
import { detailsOf, type EventDetails, type HistoryEventJson } from "../asl/history/types";
import type { Container, DefinitionScopes } from "./definition-scopes";

/**
 * The events replay reads: AWS history events (lib/asl's HistoryEvent), except that a recording's
 * timestamp may be ISO text, or anything else when masked (then durations are unknown).
 */
export type ReplayEvent = HistoryEventJson;

/** A thread of an execution: the top level, one Parallel branch run or one Map iteration. */
export interface Thread {
  /** "" at the top level, then `/Map@visit[index]` or `/Parallel@visit/b<branch>` per level. */
  key: string;
  depth: number;
  parent: Thread | undefined;
  container: Container | undefined;
  /** A Map iteration's index (from its MapIterationStarted), when known. */
  index?: number;
  children: Map<string, Thread>;
  /** How many times each state was entered in this thread so far. */
  visits: Map<string, number>;
  /** The state the thread is in (the last one entered, at event `enteredId`) and its task attempts so far. */
  current: { state: string; visit: number; attempts: number; enteredId?: number } | undefined;
  /** The task call waiting for its outcome. */
  open: TaskCall | undefined;
  /** The thread's last distributed Map Run. */
  run?: MapRunCall;
}

/** One attempt of a Task state as the history shows it, with its outcome once known. */
export interface TaskCall {
  /** `<thread key>|<state>#<visit>|<attempt>`: the same call in a recording and its replay. */
  key: string;
  stateName: string;
  attempt: number;
  /** `Task`, `LambdaFunction` or `Activity`. */
  kind: string;
  scheduledId: number;
  scheduledAt: number | undefined;
  /** The recorded `parameters` (service tasks) or `input` (Lambda functions, activities). */
  parameters: unknown;
  submitted?: unknown;
  workerName?: string;
  end?: { type: string; at: number | undefined; output?: unknown; error?: string; cause?: unknown };
  /** Set when a replay took this call. */
  claimed?: boolean;
}

/** One distributed Map Run as the parent history shows it (its children are other executions). */
export interface MapRunCall {
  /** `<thread key>|<state>#<visit>|<attempt>`, like a task call's. */
  key: string;
  stateName: string;
  attempt: number;
  mapRunArn: unknown;
  /** The MapRunStarted event's id and time. */
  startedId: number;
  startedAt: number | undefined;
  /** The Map state's input as it entered. */
  stateInput: unknown;
  /** MapRunSucceeded / MapRunFailed / MapRunAborted. */
  end?: { type: string; at: number | undefined; error?: string; cause?: unknown };
  /** From the MapStateExited that followed a successful run. */
  exit?: { output: unknown; assignedVariables?: unknown };
  claimed?: boolean;
}

/** A Task state AWS failed before scheduling its call (request validation): entered, then failed. */
export interface RejectedCall {
  key: string;
  /** The failure event's id. */
  eventId: number;
  stateName: string;
  attempt: number;
  error: string | undefined;
  cause: unknown;
  claimed?: boolean;
}

/** One entry into a state. */
export interface StateEntry {
  eventId: number;
  stateName: string;
  thread: Thread;
  visit: number;
}

/** Milliseconds since the epoch of an event's timestamp, undefined when it is not a date. */
export function timeOf(event: { timestamp?: unknown }): number | undefined {
  const t = event.timestamp;
  const ms = t instanceof Date ? t.getTime() : typeof t === "string" ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

export function eventDetails(event: ReplayEvent): EventDetails | undefined {
  return detailsOf(event);
}

function newThread(key: string, parent: Thread | undefined, container: Container | undefined): Thread {
  return {
    key,
    depth: parent ? parent.depth + 1 : 0,
    parent,
    container,
    children: new Map(),
    visits: new Map(),
    current: undefined,
    open: undefined,
  };
}

function sameContainer(a: Container | undefined, b: Container | undefined): boolean {
  return a?.state === b?.state && a?.branch === b?.branch;
}

/** Whether every level of `thread` sits in the containers `path` names. */
function onPath(thread: Thread, path: readonly Container[]): boolean {
  for (let t: Thread | undefined = thread; t && t.depth > 0; t = t.parent) {
    if (!sameContainer(t.container, path[t.depth - 1])) return false;
  }
  return true;
}

/**
 * Follows a history event by event and tells which thread each event belongs to, which visit of
 * a state each entry is and which attempt each task call is. It reads `previousEventId` links
 * and uses the definition for what the links do not say: a state's Map/Parallel nesting (so an
 * entry after a Map or Parallel finished lands back in the outer thread) and branch numbers.
 * Incremental (`add` one event at a time, O(depth) each), so it can follow a running replay.
 */
export class ThreadTracker {
  readonly root = newThread("", undefined, undefined);
  readonly calls: TaskCall[] = [];
  readonly entries: StateEntry[] = [];
  readonly mapRuns: MapRunCall[] = [];
  readonly rejections: RejectedCall[] = [];
  /**
   * Task calls of events a recorder renumbered (id not a number, links lost, e.g. the
   * conformance recorder's Parallel normaliser): their thread and state are unknown, so they are
   * kept apart, keyed `?<n>`, Scheduled paired with outcomes in order, to be matched by parameters.
   */
  readonly unplacedCalls: TaskCall[] = [];
  private readonly unplacedOpen: TaskCall[] = [];
  private readonly unplacedEnds: NonNullable<TaskCall["end"]>[] = [];
  private readonly threads: Thread[] = [];
  private readonly types: string[] = [];
  private readonly details: (EventDetails | undefined)[] = [];
  private orphanSerial = 0;

  constructor(
    private readonly scopes: DefinitionScopes,
    /** Events linking to an id below this one are treated as linking to nothing (checkpoint starts). */
    private readonly firstLinkedId = 0,
  ) {}

  threadOf(eventId: number): Thread | undefined {
    return this.threads[eventId];
  }

  add(event: ReplayEvent): void {
    const type = event.type;
    const prevId = event.previousEventId >= this.firstLinkedId ? event.previousEventId : 0;
    const base = (prevId > 0 && this.threads[prevId]) || this.root;
    const details = eventDetails(event);
    const task = taskEventType(type);
    if (typeof event.id !== "number") {
      if (type.endsWith("StateEntered")) this.enter(event, base, 0, details);
      else if (task) this.unplacedTaskEvent(event, task.kind, task.phase, details);
      return;
    }
    let thread = base;
    if (type === "ExecutionStarted") thread = this.root;
    else if (type.endsWith("StateEntered")) thread = this.enter(event, base, prevId, details);
    else if (task) this.taskEvent(event, base, task.kind, task.phase, details);
    else this.otherEvent(event, base, prevId, details);
    this.threads[event.id] = thread;
    this.types[event.id] = type;
    this.details[event.id] = details;
  }

  private enter(event: ReplayEvent, base: Thread, prevId: number, details: EventDetails | undefined): Thread {
    const name = typeof details?.name === "string" ? details.name : "";
    const scope = this.scopes.states.get(name);
    let thread = base;
    if (scope) {
      const path = scope.containers;
      const prevType = this.types[prevId];
      const startsThread = (prevType === "MapIterationStarted" || prevType === "ParallelStateStarted") && path.length > 0;
      const level = startsThread ? path.length - 1 : path.length;
      while (thread.depth > level || !onPath(thread, path)) thread = thread.parent!;
      if (startsThread) {
        const index = prevType === "MapIterationStarted" ? this.details[prevId]?.index : undefined;
        thread = this.child(thread, path[level], typeof index === "number" ? index : undefined);
      }
      while (thread.depth < path.length) thread = this.child(thread, path[thread.depth], undefined);
    }
    const visit = (thread.visits.get(name) ?? 0) + 1;
    thread.visits.set(name, visit);
    thread.current = { state: name, visit, attempts: 0, enteredId: event.id };
    thread.open = undefined;
    this.entries.push({ eventId: event.id, stateName: name, thread, visit });
    return thread;
  }

  private child(parent: Thread, container: Container, index: number | undefined): Thread {
    const visit = parent.visits.get(container.state) ?? 0;
    const which = container.kind === "parallel" ? `/b${container.branch}` : `[${index ?? `?${++this.orphanSerial}`}]`;
    const segment = `${container.state}@${visit}${which}`;
    let thread = parent.children.get(segment);
    if (!thread) {
      thread = newThread(`${parent.key}/${segment}`, parent, container);
      if (index !== undefined) thread.index = index;
      parent.children.set(segment, thread);
    }
    return thread;
  }

  /** Map Runs (started, ended, the state's exit after them) and calls failed before scheduling. */
  private otherEvent(event: ReplayEvent, thread: Thread, prevId: number, details: EventDetails | undefined): void {
    const type = event.type;
    const current = thread.current;
    if (type === "MapRunStarted" && current) {
      const attempt = current.attempts++;
      const entered = current.enteredId !== undefined ? this.details[current.enteredId] : undefined;
      thread.run = {
        key: `${thread.key}|${current.state}#${current.visit}|${attempt}`,
        stateName: current.state,
        attempt,
        mapRunArn: details?.mapRunArn,
        startedId: event.id,
        startedAt: timeOf(event),
        stateInput: entered?.input,
      };
      this.mapRuns.push(thread.run);
    } else if (isMapRunEnd(type) && thread.run && !thread.run.end) {
      thread.run.end = { type, at: timeOf(event), error: details?.error as string | undefined, cause: details?.cause };
    } else if (
      type === "MapStateExited" &&
      thread.run?.end?.type === "MapRunSucceeded" &&
      thread.run.stateName === details?.name &&
      !thread.run.exit
    ) {
      thread.run.exit = { output: details?.output, assignedVariables: details?.assignedVariables };
    } else if (type.endsWith("Failed") && this.types[prevId] === "TaskStateEntered" && current && prevId === current.enteredId) {
      // Entered, then failed with no call in between: AWS refused the request before scheduling it.
      const attempt = current.attempts;
      const key = `${thread.key}|${current.state}#${current.visit}|${attempt}`;
      this.rejections.push({
        key,
        eventId: event.id,
        stateName: current.state,
        attempt,
        error: details?.error as string | undefined,
        cause: details?.cause,
      });
    }
  }

  private unplacedTaskEvent(event: ReplayEvent, kind: string, phase: string, details: EventDetails | undefined): void {
    const at = timeOf(event);
    if (phase === "Scheduled" || phase === "ScheduleFailed") {
      const call: TaskCall = {
        key: `?${this.unplacedCalls.length + 1}`,
        stateName: "",
        attempt: 0,
        kind,
        scheduledId: 0,
        scheduledAt: at,
        parameters: kind === "Task" ? details?.parameters : details?.input,
      };
      this.unplacedCalls.push(call);
      this.unplacedOpen.push(call);
    }
    if (phase !== "Scheduled" && endsTaskCall(phase)) {
      this.unplacedEnds.push({
        type: event.type,
        at,
        output: details?.output,
        error: details?.error as string | undefined,
        cause: details?.cause,
      });
    }
    // Sorted recordings may list an outcome before its Scheduled event: pair them in order.
    while (this.unplacedOpen.length && this.unplacedEnds.length) this.unplacedOpen.shift()!.end = this.unplacedEnds.shift();
  }

  private taskEvent(event: ReplayEvent, thread: Thread, kind: string, phase: string, details: EventDetails | undefined): void {
    const at = timeOf(event);
    let call = thread.open;
    if (phase === "Scheduled" || phase === "ScheduleFailed" || !call) {
      const current = thread.current ?? { state: "", visit: 0, attempts: 0 };
      const attempt = current.attempts++;
      call = {
        key: `${thread.key}|${current.state}#${current.visit}|${attempt}`,
        stateName: current.state,
        attempt,
        kind,
        scheduledId: event.id,
        scheduledAt: at,
        parameters: kind === "Task" ? details?.parameters : details?.input,
      };
      thread.open = call;
      this.calls.push(call);
    }
    if (phase === "Submitted") call.submitted = details?.output;
    else if (phase === "Started" && kind === "Activity" && typeof details?.workerName === "string") call.workerName = details.workerName;
    else if (endsTaskCall(phase)) {
      call.end = { type: event.type, at, output: details?.output, error: details?.error as string | undefined, cause: details?.cause };
      thread.open = undefined;
    }
  }
}

/** Runs a whole history through a tracker. */
export function trackHistory(events: readonly ReplayEvent[], scopes: DefinitionScopes, firstLinkedId = 0): ThreadTracker {
  const tracker = new ThreadTracker(scopes, firstLinkedId);
  for (const event of events) tracker.add(event);
  return tracker;
}
