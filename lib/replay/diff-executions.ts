import { eventDetails, timeOf, type ReplayEvent } from "./history-threads";
import { jsonChanges, type JsonChange } from "./json-changes";
import { causeText, payloadValue, sameJson } from "./payload";
import { jsonText } from "../asl/evaluate/stringify-json";
import { isTaskFailure, taskEventType } from "../asl/history/event-roles";
import { groupStateRuns } from "../history/group-state-runs";

/** One side of a comparison: an execution's status and history (and definition, to align Map iterations). */
export interface DiffSide {
  status: string;
  events: readonly ReplayEvent[];
  definition?: string | object | null;
}

export interface EventSummary {
  id: number;
  type: string;
  stateName: string | null;
  details: Record<string, unknown> | null;
}

export interface StateChange {
  key: string;
  stateName: string;
  a: { output?: unknown; error?: string; cause?: string; exited: boolean };
  b: { output?: unknown; error?: string; cause?: string; exited: boolean };
  /** JSON differences between the outputs (empty when only the error changed). */
  changes: JsonChange[];
}

export interface StateTiming {
  stateName: string;
  /** Total time in the state over all its runs, ms. */
  aMs: number;
  bMs: number;
  deltaMs: number;
}

/** JSON-serialisable comparison of two executions (`statelens replay --json`, `/api/compare`). */
export interface ExecutionDiff {
  /** Same statuses and the same events (type, state and payload; timestamps and ids aside). */
  identical: boolean;
  status: { a: string; b: string; changed: boolean };
  events: { a: number; b: number };
  durationMs: { a: number | null; b: number | null };
  /** The first event (by position) whose type, state or payload differs; null when none does. */
  firstDivergence: {
    index: number;
    reason: "type" | "state" | "payload" | "only-in-a" | "only-in-b";
    a: EventSummary | null;
    b: EventSummary | null;
  } | null;
  /** Runs (aligned by state, visit, iteration/branch) whose output or error differs. */
  changedStates: StateChange[];
  /** States entered only in a / only in b: the paths taken differ there. */
  onlyInA: string[];
  onlyInB: string[];
  /** Per state, time spent on each side, largest difference first. */
  timing: StateTiming[];
}

const PAYLOAD_KEYS = new Set(["input", "output", "parameters", "result", "cause"]);

/** Details with payload JSON text parsed, so text formatting differences do not count. */
function comparable(details: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!details) return details;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (PAYLOAD_KEYS.has(key)) out[key] = payloadValue(value);
    else if (key === "assignedVariables" && value && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, payloadValue(v)]));
    } else out[key] = value;
  }
  return out;
}

/** The state each event belongs to, as the store records it (entries/exits name it; others follow their link). */
function eventStates(events: readonly ReplayEvent[]): (string | null)[] {
  const byId = new Map<number, string | null>();
  return events.map((event) => {
    const details = eventDetails(event);
    const named = /State(Entered|Exited)$/.test(event.type) && typeof details?.name === "string" ? details.name : undefined;
    const state = named ?? byId.get(event.previousEventId) ?? null;
    byId.set(event.id, event.type.endsWith("StateExited") ? null : state);
    return state;
  });
}

function summary(event: ReplayEvent, state: string | null): EventSummary {
  return {
    id: event.id,
    type: event.type,
    stateName: state,
    details: (eventDetails(event) as Record<string, unknown> | undefined) ?? null,
  };
}

function firstDivergence(a: readonly ReplayEvent[], b: readonly ReplayEvent[]): ExecutionDiff["firstDivergence"] {
  const sa = eventStates(a);
  const sb = eventStates(b);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y)
      return { index: i, reason: x ? "only-in-a" : "only-in-b", a: x ? summary(x, sa[i]) : null, b: y ? summary(y, sb[i]) : null };
    let reason: "type" | "state" | "payload" | undefined;
    if (x.type !== y.type) reason = "type";
    else if (sa[i] !== sb[i]) reason = "state";
    else {
      const dx = eventDetails(x);
      const dy = eventDetails(y);
      if (dx !== dy && jsonText(dx) !== jsonText(dy) && !sameJson(comparable(dx), comparable(dy))) reason = "payload";
    }
    if (reason) return { index: i, reason, a: summary(x, sa[i]), b: summary(y, sb[i]) };
  }
  return null;
}

function durationOf(events: readonly ReplayEvent[]): number | null {
  const first = events.length ? timeOf(events[0]) : undefined;
  const last = events.length ? timeOf(events[events.length - 1]) : undefined;
  return first === undefined || last === undefined ? null : last - first;
}

/** A state run as the diff compares it: its outcome, and the time from its entry to its last event. */
interface ComparedRun {
  /** The run's thread key (lib/history): the same run in two executions of one state machine. */
  key: string;
  stateName: string;
  enteredAt: number | undefined;
  /** Its exit, or when it never exited its last task event (its entry when it had none). */
  endedAt: number | undefined;
  exited: boolean;
  output?: unknown;
  /** The last task error in the run (caught or not). */
  error?: string;
  cause?: string;
}

/** The state runs of a history (groupStateRuns), in entry order, as the diff compares them. */
function comparedRuns(events: readonly ReplayEvent[], definition: string | object | null | undefined): ComparedRun[] {
  const byId = new Map(events.map((event) => [event.id, event]));
  return groupStateRuns(events, definition as string | Record<string, unknown> | null | undefined).runs.map((run) => {
    const enteredAt = run.enteredAt ?? undefined;
    const compared: ComparedRun = { key: run.threadKey, stateName: run.stateName, enteredAt, endedAt: enteredAt, exited: false };
    for (const id of run.eventIds) {
      const event = byId.get(id)!;
      if (id === run.exitedEventId) {
        compared.exited = true;
        compared.endedAt = timeOf(event);
        compared.output = payloadValue(eventDetails(event)?.output);
      } else if (taskEventType(event.type)) {
        const at = timeOf(event);
        if (at !== undefined && (compared.endedAt === undefined || at > compared.endedAt)) compared.endedAt = at;
        if (isTaskFailure(event.type)) {
          const details = eventDetails(event);
          compared.error = typeof details?.error === "string" ? details.error : "";
          compared.cause = causeText(details?.cause);
        }
      }
    }
    return compared;
  });
}

function timeByState(runs: readonly ComparedRun[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const run of runs) {
    const ms = run.enteredAt !== undefined && run.endedAt !== undefined ? run.endedAt - run.enteredAt : 0;
    out.set(run.stateName, (out.get(run.stateName) ?? 0) + ms);
  }
  return out;
}

const outcome = (run: ComparedRun) => ({ output: run.output, error: run.error, cause: run.cause, exited: run.exited });

/** Compares two executions of a state machine (typically a recording and its replay). */
export function diffExecutions(a: DiffSide, b: DiffSide): ExecutionDiff {
  const runsA = comparedRuns(a.events, a.definition);
  const runsB = comparedRuns(b.events, b.definition ?? a.definition);
  const byKeyB = new Map(runsB.map((r) => [r.key, r]));
  const changedStates: StateChange[] = [];
  for (const ra of runsA) {
    const rb = byKeyB.get(ra.key);
    if (!rb) continue;
    const sameOutput = ra.exited === rb.exited && sameJson(ra.output, rb.output);
    if (sameOutput && ra.error === rb.error && ra.cause === rb.cause) continue;
    changedStates.push({
      key: ra.key,
      stateName: ra.stateName,
      a: outcome(ra),
      b: outcome(rb),
      changes: sameOutput ? [] : jsonChanges(ra.output, rb.output),
    });
  }
  const namesA = new Set(runsA.map((r) => r.stateName));
  const namesB = new Set(runsB.map((r) => r.stateName));
  const timeA = timeByState(runsA);
  const timeB = timeByState(runsB);
  const timing: StateTiming[] = [];
  for (const [stateName, aMs] of timeA) {
    const bMs = timeB.get(stateName);
    if (bMs !== undefined) timing.push({ stateName, aMs, bMs, deltaMs: bMs - aMs });
  }
  timing.sort((x, y) => Math.abs(y.deltaMs) - Math.abs(x.deltaMs));
  const divergence = firstDivergence(a.events, b.events);
  return {
    identical: divergence === null && a.status === b.status,
    status: { a: a.status, b: b.status, changed: a.status !== b.status },
    events: { a: a.events.length, b: b.events.length },
    durationMs: { a: durationOf(a.events), b: durationOf(b.events) },
    firstDivergence: divergence,
    changedStates,
    onlyInA: [...namesA].filter((n) => !namesB.has(n)),
    onlyInB: [...namesB].filter((n) => !namesA.has(n)),
    timing,
  };
}
