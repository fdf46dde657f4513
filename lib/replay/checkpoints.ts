import { definitionScopes, type DefinitionScopes } from "./definition-scopes";
import { HistoryWalk, type EntryRecord, type WalkStep } from "./checkpoints-walk";
import type { ReplayEvent, Thread } from "./history-threads";
import { checkpointError } from "./replay-errors";

/** One level around a nested checkpoint: a Map iteration or a Parallel branch. */
export interface CheckpointScope {
  /** The Map or Parallel state. */
  state: string;
  /** Its entry in the enclosing thread (1, 2, ... when a loop enters it again). */
  visit: number;
  /** The iteration's index (Map) ... */
  index?: number;
  /** ... or the branch's (Parallel, 0-based). */
  branch?: number;
}

/**
 * A point a replay can start from: an entry into a state (at the top level, in a Map iteration,
 * in a Parallel branch, at any depth), or the start of a retried Task's attempt k >= 2.
 */
export interface Checkpoint {
  /** The id of the `*StateEntered` event (attempt 1) or of the attempt's `*Scheduled` event. */
  eventId: number;
  stateName: string;
  /** `Task`, `Pass`, `Map`, ... (from the event type). */
  stateType: string;
  /** 1 for the first entry into this state in its thread, 2 for the second (loops) ... */
  visit: number;
  /** 1: the state's entry; k >= 2: the start of its k-th attempt (after k-1 failures). */
  attempt: number;
  /** The Map iterations / Parallel branches around the state, outermost first; empty at the top level. */
  path: CheckpointScope[];
  /** Readable: `ProcessItems › item 3 › ChargeCard (attempt 2)`. */
  label: string;
  /** What `--from` accepts for it: `ProcessItems[3]/ChargeCard@2` (see findCheckpoint). */
  ref: string;
  /** ISO-8601 time of the entry (or of the attempt), when the history has one. */
  timestamp: string | null;
  /** The state's input as it entered (an attempt works on the same input). */
  input: unknown;
  /** The variables in scope at the entry (outer scopes, then the thread's own assignments). */
  variables: Record<string, unknown>;
}

function scopePath(thread: Thread): CheckpointScope[] {
  const path: CheckpointScope[] = [];
  for (let t: Thread | undefined = thread; t && t.container; t = t.parent) {
    const visit = Number(/@(\d+)(?:\[|\/b)[^/]*$/.exec(t.key)?.[1] ?? 1);
    const scope: CheckpointScope = { state: t.container.state, visit };
    if (t.container.kind === "map") scope.index = t.index;
    else scope.branch = t.container.branch;
    path.unshift(scope);
  }
  return path;
}

const again = (name: string, visit: number) => (visit > 1 ? `${name} #${visit}` : name);

function describe(path: readonly CheckpointScope[], name: string, visit: number, attempt: number): { label: string; ref: string } {
  const labels: string[] = [];
  const refs: string[] = [];
  for (const s of path) {
    labels.push(again(s.state, s.visit), s.index !== undefined ? `item ${s.index}` : `branch ${(s.branch ?? 0) + 1}`);
    refs.push(`${again(s.state, s.visit)}${s.index !== undefined ? `[${s.index}]` : ""}`);
  }
  labels.push(`${again(name, visit)}${attempt > 1 ? ` (attempt ${attempt})` : ""}`);
  refs.push(`${again(name, visit)}${attempt > 1 ? `@${attempt}` : ""}`);
  return { label: labels.join(" › "), ref: refs.join("/") };
}

function checkpointAt(
  walk: HistoryWalk,
  thread: Thread,
  entry: EntryRecord,
  eventId: number,
  at: number | undefined,
  attempt: number,
): Checkpoint {
  const path = scopePath(thread);
  return {
    eventId,
    stateName: entry.name,
    stateType: entry.stateType,
    visit: entry.visit,
    attempt,
    path,
    ...describe(path, entry.name, entry.visit, attempt),
    timestamp: at === undefined ? null : new Date(at).toISOString(),
    input: entry.input,
    variables: walk.scope(thread, entry.variables),
  };
}

/**
 * Every point a replay can start from, in history order: each `*StateEntered` (at any depth of
 * Map iterations and Parallel branches) and each retried attempt of a Task (its `*Scheduled`
 * event after earlier failures), with the input and the variables in scope. Distributed Map
 * iterations run as child executions whose events are not in this history: none of theirs.
 */
export function checkpoints(events: readonly ReplayEvent[], definition: string | object | DefinitionScopes): Checkpoint[] {
  const walk = new HistoryWalk(isScopes(definition) ? definition : definitionScopes(definition));
  const out: Checkpoint[] = [];
  for (const event of events) {
    const checkpoint = checkpointOf(walk, event.id, walk.add(event));
    if (checkpoint) out.push(checkpoint);
  }
  return out;
}

/** The checkpoint an event just added to a walk is (an entry, or a retried attempt's start), if any. */
export function checkpointOf(walk: HistoryWalk, eventId: number, { thread, record, entry, call }: WalkStep): Checkpoint | undefined {
  if (entry) return checkpointAt(walk, thread, entry, eventId, entry.at, 1);
  if (call && call.attempt > 0 && record?.entry && record.entry.name === call.stateName)
    return checkpointAt(walk, thread, record.entry, eventId, call.scheduledAt, call.attempt + 1);
  return undefined;
}

function isScopes(definition: string | object | DefinitionScopes): definition is DefinitionScopes {
  return typeof definition === "object" && (definition as DefinitionScopes).states instanceof Map;
}

/**
 * The checkpoint `from` names:
 * - an event id (number, or digits): the entry or attempt with that id;
 * - a top-level state name: its last entry (closest to where the execution ended);
 * - a path `Outer[index]/Inner@attempt` (indices, `#visit` and `@attempt` optional, leading
 *   levels may be left out): its first match, e.g. `Fan[2]/Work`, `Work@3`, `Both/Right`;
 * - a checkpoint's label as listed (`Fan › item 2 › Work (attempt 2)`).
 * Throws an error listing the choices when none matches.
 */
export function findCheckpoint(list: readonly Checkpoint[], from: string | number): Checkpoint {
  const text = String(from).trim();
  const isId = /^\d+$/.test(text);
  const found = isId ? list.find((c) => c.eventId === Number(text)) : byName(list, text);
  if (found) return found;
  const choices = list
    .slice(0, 30)
    .map((c) => `${c.eventId} ${c.ref}`)
    .join(", ");
  const what = isId ? `event ${text} is not a state's entry or a retried attempt` : `no state entry matches "${text}"`;
  throw checkpointError(text, `${what}. Checkpoints: ${choices || "none"}${list.length > 30 ? ", ..." : ""}`);
}

function byName(list: readonly Checkpoint[], text: string): Checkpoint | undefined {
  const topLevel = [...list].reverse().find((c) => c.path.length === 0 && c.attempt === 1 && c.stateName === text);
  if (topLevel) return topLevel;
  const label = list.find((c) => c.label === text);
  if (label) return label;
  const wanted = text.split("/").map(parseSegment);
  if (wanted.some((w) => w === undefined)) return undefined;
  return list.find((c) => matchesRef(c, wanted as Segment[]));
}

interface Segment {
  name: string;
  visit?: number;
  index?: number;
  attempt?: number;
}

function parseSegment(text: string): Segment | undefined {
  const m = /^(.+?)(?:\s*#(\d+))?(?:\[(\d+)\])?(?:@(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const segment: Segment = { name: m[1].trim() };
  if (m[2]) segment.visit = Number(m[2]);
  if (m[3]) segment.index = Number(m[3]);
  if (m[4]) segment.attempt = Number(m[4]);
  return segment;
}

/** Whether a checkpoint's path ends with the wanted segments (each field given must match). */
function matchesRef(c: Checkpoint, wanted: readonly Segment[]): boolean {
  const levels = [
    ...c.path.map((s) => ({ name: s.state, visit: s.visit, index: s.index, attempt: undefined as number | undefined })),
    { name: c.stateName, visit: c.visit, index: undefined, attempt: c.attempt },
  ];
  if (wanted.length > levels.length) return false;
  const tail = levels.slice(levels.length - wanted.length);
  return wanted.every((w, i) => {
    const l = tail[i];
    const last = i === wanted.length - 1;
    if (w.name !== l.name) return false;
    if (w.visit !== undefined && w.visit !== l.visit) return false;
    if (w.index !== undefined && w.index !== l.index) return false;
    return last ? (w.attempt ?? 1) === l.attempt : w.attempt === undefined;
  });
}

/**
 * The checkpoint a user most likely wants: the entry into the top-level state in which the
 * execution failed (the last entry before the first failure event), else the last top-level entry.
 */
export function defaultCheckpoint(list: readonly Checkpoint[], events: readonly ReplayEvent[]): Checkpoint | undefined {
  const top = list.filter((c) => c.path.length === 0 && c.attempt === 1);
  const failure = events.find((e) => /(Failed|TimedOut|Aborted)$/.test(e.type) && !e.type.startsWith("MapIteration"));
  const before = failure ? top.filter((c) => c.eventId < failure.id) : top;
  return before[before.length - 1] ?? top[top.length - 1] ?? list[list.length - 1];
}
