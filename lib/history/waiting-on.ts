import { isObject, toDefinitionIndex, type DefinitionIndex } from "../asl/definition/definition-model";
import { detailsOf, eventTime, type HistoryEventJson } from "../asl/history/types";
import type { PreparedRuns, StateRun } from "./state-run-types";

/**
 * What a running execution waits for, per thread (top level, Parallel branch, Map iteration):
 * a Wait state's end, a task token callback, an activity worker, a job, the backoff before a
 * retry, or a Map's remaining iterations. Read from the history alone (plus the definition), so
 * it works the same for executions ingested from AWS and for the local engine.
 *
 * Heartbeats are not history events: a heartbeat deadline is "due by" the last event of the task
 * plus HeartbeatSeconds, and a later heartbeat (invisible here) moves it.
 */
export interface Waiting {
  runKey: string;
  statePath: string;
  stateName: string;
  kind: "wait" | "callback" | "activity" | "job" | "task" | "retry" | "map" | "state";
  /** ms since epoch the wait began (state entry, task scheduling or the last failed attempt) */
  since: number | null;
  /** Wait state: when it ends; null when the definition does not say (an expression) */
  until?: number | null;
  /** the task token handed out (`.waitForTaskToken`, as the recorded parameters carry it) */
  token?: string | null;
  resource?: string | null;
  heartbeatSeconds?: number;
  heartbeatDueAt?: number | null;
  timeoutSeconds?: number;
  timeoutAt?: number | null;
  /** activity worker that took the task */
  worker?: string | null;
  /** 1-based attempt number being waited on or retried */
  attempt?: number;
  progress?: { total: number | null; started: number; succeeded: number; failed: number; running: number };
}

/** Every open wait of a history; empty once the execution has closed. */
export function waitingOn(
  prepared: PreparedRuns,
  events: readonly HistoryEventJson[],
  definition?: string | Record<string, unknown> | DefinitionIndex | null,
): Waiting[] {
  if (prepared.execution.status !== "RUNNING") return [];
  const index = toDefinitionIndex(definition);
  const byId = new Map(events.map((event) => [event.id, event]));
  const waits: Waiting[] = [];
  for (const run of prepared.runs) {
    if (run.status !== "in-progress") continue;
    const def = index?.states.get(run.statePath)?.def ?? null;
    if (run.stateType === "Map") {
      waits.push(mapProgress(run, events, byId));
      continue;
    }
    if (run.stateType === "Parallel") continue; // its branches' own states say what they wait for
    waits.push(runWait(run, def, byId));
  }
  return waits;
}

function runWait(run: StateRun, def: Record<string, unknown> | null, byId: Map<number, HistoryEventJson>): Waiting {
  const base = { runKey: run.key, statePath: run.statePath, stateName: run.stateName };
  if (run.stateType === "Wait") return { ...base, kind: "wait", since: run.enteredAt, until: waitEnd(run, def) };
  const attempt = run.attempts[run.attempts.length - 1];
  if (!attempt) return { ...base, kind: "state", since: run.enteredAt };
  if (attempt.outcome !== "in-progress") {
    // the last attempt failed and the next one is not scheduled yet: the retrier's backoff
    return { ...base, kind: "retry", since: attempt.endedAt, attempt: attempt.index + 2 };
  }
  const scheduled = byId.get(attempt.startEventId);
  const details = (scheduled && detailsOf(scheduled)) ?? {};
  const resource = run.resource ?? text(details.resource);
  const timeoutSeconds = positive(details.timeoutInSeconds);
  const heartbeatSeconds = positive(details.heartbeatInSeconds);
  const lastSign = lastTaskEventTime(run, attempt.startEventId, byId) ?? attempt.runningAt ?? attempt.startedAt;
  const wait: Waiting = {
    ...base,
    kind: "task",
    since: attempt.startedAt,
    resource,
    attempt: attempt.index + 1,
    ...(timeoutSeconds !== undefined
      ? { timeoutSeconds, timeoutAt: attempt.startedAt === null ? null : attempt.startedAt + timeoutSeconds * 1000 }
      : {}),
    ...(heartbeatSeconds !== undefined
      ? { heartbeatSeconds, heartbeatDueAt: lastSign === null ? null : lastSign + heartbeatSeconds * 1000 }
      : {}),
  };
  if (scheduled?.type === "ActivityScheduled") {
    const started = run.eventIds.map((id) => byId.get(id)).find((e) => e?.type === "ActivityStarted" && e.id > attempt.startEventId);
    return { ...wait, kind: "activity", worker: started ? (text(detailsOf(started)?.workerName) ?? null) : null };
  }
  if (resource?.endsWith(".waitForTaskToken")) {
    return { ...wait, kind: "callback", token: findToken(run.parameters, def) };
  }
  if (resource && /\.sync(:\d+)?$/.test(resource)) return { ...wait, kind: "job" };
  return wait;
}

/** The latest event of the attempt (scheduled, started, submitted): a heartbeat clock restarts there. */
function lastTaskEventTime(run: StateRun, fromEventId: number, byId: Map<number, HistoryEventJson>): number | null {
  let latest: number | null = null;
  for (const id of run.eventIds) {
    if (id < fromEventId) continue;
    const event = byId.get(id);
    if (!event || !/(Scheduled|Started|Submitted)$/.test(event.type)) continue;
    const at = eventTime(event) ?? null;
    if (at !== null && (latest === null || at > latest)) latest = at;
  }
  return latest;
}

function mapProgress(run: StateRun, events: readonly HistoryEventJson[], byId: Map<number, HistoryEventJson>): Waiting {
  const started = run.eventIds.map((id) => byId.get(id)).find((e) => e?.type === "MapStateStarted");
  const total = started ? positiveOrZero(detailsOf(started)?.length) : undefined;
  let begun = 0;
  let succeeded = 0;
  let failed = 0;
  // iteration events of this Map run: the ones between its MapStateStarted and now that name it
  const mine = new Set(run.eventIds);
  for (const event of events) {
    if (!mine.has(event.id)) continue;
    if (event.type === "MapIterationStarted") begun++;
    else if (event.type === "MapIterationSucceeded") succeeded++;
    else if (event.type === "MapIterationFailed" || event.type === "MapIterationAborted") failed++;
  }
  return {
    runKey: run.key,
    statePath: run.statePath,
    stateName: run.stateName,
    kind: "map",
    since: run.enteredAt,
    progress: { total: total ?? null, started: begun, succeeded, failed, running: Math.max(0, begun - succeeded - failed) },
  };
}

/** A Wait state's end from its definition and recorded input (Seconds, Timestamp and their JSONPath forms). */
function waitEnd(run: StateRun, def: Record<string, unknown> | null): number | null {
  if (!def || run.enteredAt === null) return null;
  let input: unknown = undefined;
  const readInput = (path: unknown): unknown => {
    if (typeof path !== "string") return undefined;
    if (input === undefined) input = parseJson(run.input);
    return simplePath(input, path);
  };
  const seconds = typeof def.Seconds === "number" ? def.Seconds : readInput(def.SecondsPath);
  if (typeof seconds === "number" && Number.isFinite(seconds)) return run.enteredAt + seconds * 1000;
  const stamp = typeof def.Timestamp === "string" && !def.Timestamp.startsWith("{%") ? def.Timestamp : readInput(def.TimestampPath);
  if (typeof stamp === "string") {
    const at = Date.parse(stamp);
    return Number.isNaN(at) ? null : at;
  }
  return null;
}

/**
 * The task token as the task was handed it: at the parameter path where the definition puts
 * `$$.Task.Token` (JSONPath `"X.$": "$$.Task.Token"`, JSONata `$states.context.Task.Token`), else any
 * string member named like a token.
 */
function findToken(parametersText: string | null, def: Record<string, unknown> | null): string | null {
  const parameters = parseJson(parametersText);
  if (parameters === undefined) return null;
  const template = def ? (def.Parameters ?? def.Arguments) : undefined;
  const path = template === undefined ? null : tokenPath(template, []);
  if (path) {
    let value: unknown = parameters;
    for (const key of path) value = isObject(value) ? value[key] : undefined;
    if (typeof value === "string") return value;
  }
  return tokenByName(parameters, 0);
}

function tokenPath(template: unknown, at: string[]): string[] | null {
  if (!isObject(template)) return null;
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith(".$") && value === "$$.Task.Token") return [...at, key.slice(0, -2)];
    if (typeof value === "string" && /^\{%[\s\S]*\$states\.context\.Task\.Token[\s\S]*%\}$/.test(value)) return [...at, key];
    const inner = tokenPath(value, [...at, key.endsWith(".$") ? key.slice(0, -2) : key]);
    if (inner) return inner;
  }
  return null;
}

function tokenByName(value: unknown, depth: number): string | null {
  if (depth > 8 || !isObject(value)) return null;
  for (const [key, member] of Object.entries(value)) {
    if (typeof member === "string" && /task_?token|^token$/i.test(key)) return member;
  }
  for (const member of Object.values(value)) {
    const found = tokenByName(member, depth + 1);
    if (found) return found;
  }
  return null;
}

/** `$.a.b[0]` style reference paths (what SecondsPath/TimestampPath allow). */
function simplePath(root: unknown, path: string): unknown {
  if (path === "$") return root;
  if (!path.startsWith("$")) return undefined;
  const parts = path.slice(1).match(/\.[^.[\]]+|\[\d+\]|\['[^']*'\]/g);
  if (!parts || parts.join("") !== path.slice(1)) return undefined;
  let value: unknown = root;
  for (const part of parts) {
    const key = part.startsWith(".") ? part.slice(1) : part.startsWith("['") ? part.slice(2, -2) : Number(part.slice(1, -1));
    if (typeof key === "number") value = Array.isArray(value) ? value[key] : undefined;
    else value = isObject(value) ? value[key] : undefined;
  }
  return value;
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function positive(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
}

function positiveOrZero(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}
