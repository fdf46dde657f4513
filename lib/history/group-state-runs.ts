import { payloadText } from "../model/execution";
import { applyContainerEvent, applyExecutionEvent, applyRunEvent, newAttempt, variablesOf } from "./apply-run-events";
import { branchScopeKey, statePathIn, toDefinitionIndex, type DefinitionIndex } from "../asl/definition/definition-model";
import { containerTypeOf, eventRole, stateTypeOf, type EventRole } from "../asl/history/event-roles";
import { detailsOf, eventTime, type EventDetails, type HistoryEventJson } from "../asl/history/types";
import { finalizeRuns, type RunMarks } from "./finalize-runs";
import type { ExecutionSummary, Frame, PreparedRuns, StateRun } from "./state-run-types";

const NO_DETAILS: Readonly<EventDetails> = Object.freeze({});
const CONTAINER_ROLES = new Set<EventRole>([
  "container-started",
  "container-failed",
  "container-aborted",
  "container-other",
  "iteration-started",
  "iteration-ended",
  "map-run",
]);

interface ContainerState {
  attempt: number;
  /** branch index -> frame key, for the current attempt */
  branches: Map<number, string>;
}

/**
 * The one derivation of state runs from a history: one run per state entry, inside frames (top
 * level, Parallel branches, Map iterations). Each event is attributed by following its
 * previousEventId link:
 * - a state entered right after ParallelStateStarted / MapIterationStarted opens a branch /
 *   iteration frame; otherwise it lives in the frame of the event it follows;
 * - Parallel/Map bookkeeping events belong to the nearest enclosing open Parallel/Map run;
 * - everything else belongs to the run of the event it follows, falling back to the latest open
 *   run of the named state when links are missing.
 * Ingestion projects it to StateRun rows (derive-state-runs); the dashboard draws it.
 */
export function groupStateRuns(
  events: readonly HistoryEventJson[],
  definition?: string | Record<string, unknown> | DefinitionIndex | null,
): PreparedRuns {
  const index = toDefinitionIndex(definition);
  const sorted = isSorted(events) ? events : [...events].sort((a, b) => a.id - b.id);
  const runs: StateRun[] = [];
  const runByKey = new Map<string, StateRun>();
  const frames: Frame[] = [];
  const frameByKey = new Map<string, Frame>();
  const runKeyOfEvent = new Map<number, string>();
  // by event id, for the events seen so far: the event, the run it belongs to, its frame
  const eventAt: HistoryEventJson[] = [];
  const runAt: (StateRun | null)[] = [];
  const frameAt: string[] = [];
  const containers = new Map<string, ContainerState>();
  const runsByName = new Map<string, StateRun[]>();
  const marks: RunMarks = { terminated: new Set(), failed: new Set() };
  // thread keys: entries of each state per thread, and which entry (visit) each run is
  const visitsIn = new Map<string, Map<string, number>>();
  const visitOf = new Map<string, number>();
  let orphans = 0;
  const threadIn = (container: StateRun, which: string) =>
    `${frameByKey.get(container.frameKey)!.thread}/${container.stateName}@${visitOf.get(container.key)}${which}`;
  const terminated = marks.terminated;
  const execution: ExecutionSummary = {
    status: "RUNNING",
    startedAt: null,
    endedAt: null,
    input: null,
    output: null,
    error: null,
    cause: null,
    redriven: 0,
  };
  let first = Infinity;
  let last = -Infinity;

  const addFrame = (frame: Frame) => {
    frames.push(frame);
    frameByKey.set(frame.key, frame);
    return frame;
  };
  addFrame({
    key: "root",
    kind: "root",
    parentFrameKey: null,
    containerRunKey: null,
    index: 0,
    attempt: 0,
    label: "Execution",
    thread: "",
    scopeKey: "",
    startedAt: null,
    endedAt: null,
    status: "in-progress",
    runKeys: [],
  });

  const attach = (event: HistoryEventJson, t: number | null, run: StateRun | null, frameKey: string) => {
    eventAt[event.id] = event;
    runAt[event.id] = run;
    frameAt[event.id] = run ? run.frameKey : frameKey;
    if (!run) return;
    run.eventIds.push(event.id);
    runKeyOfEvent.set(event.id, run.key);
    if (t !== null && run.exitedEventId === null) run.endedAt = t;
  };

  const latestByName = (name: unknown, accept: (r: StateRun) => boolean): StateRun | null => {
    const list = typeof name === "string" ? runsByName.get(name) : undefined;
    if (list) for (let i = list.length - 1; i >= 0; i--) if (accept(list[i])) return list[i];
    return null;
  };

  const findContainer = (prevId: number, type: "Parallel" | "Map", name: unknown): StateRun | null => {
    const fits = (r: StateRun) =>
      r.stateType === type && r.exitedEventId === null && !terminated.has(r.key) && (typeof name !== "string" || r.stateName === name);
    let run = runAt[prevId] ?? null;
    let frameKey = frameAt[prevId] ?? "root";
    for (let depth = 0; depth < 64; depth++) {
      if (run && fits(run)) return run;
      const frame = frameByKey.get(run ? run.frameKey : frameKey);
      if (!frame?.containerRunKey) break;
      run = runByKey.get(frame.containerRunKey) ?? null;
      if (run) frameKey = run.frameKey;
    }
    if (typeof name === "string") return latestByName(name, fits);
    for (let i = runs.length - 1; i >= 0; i--) if (fits(runs[i])) return runs[i];
    return null;
  };

  const frameForEntered = (prevId: number, name: string): Frame => {
    const prevEvent = eventAt[prevId];
    const prevRun = runAt[prevId];
    if (prevEvent?.type === "ParallelStateStarted" && prevRun) {
      const parallel = prevRun;
      const state = containers.get(parallel.key) ?? { attempt: 0, branches: new Map() };
      const branch = pickBranch(index, parallel.statePath, name, state.branches);
      const existing = state.branches.get(branch);
      if (existing) return frameByKey.get(existing)!;
      const frame = addFrame({
        key: `${parallel.key}#a${state.attempt}/b${branch}`,
        kind: "branch",
        parentFrameKey: parallel.frameKey,
        containerRunKey: parallel.key,
        index: branch,
        attempt: state.attempt,
        label: `Branch ${branch + 1}`,
        thread: threadIn(parallel, `/b${branch}`),
        scopeKey: branchScopeKey(parallel.statePath, branch),
        startedAt: eventTime(prevEvent) ?? null,
        endedAt: null,
        status: "in-progress",
        runKeys: [],
      });
      state.branches.set(branch, frame.key);
      return frame;
    }
    if (prevEvent?.type === "MapIterationStarted" && prevRun) {
      const frame = frameByKey.get(iterationKey(prevRun, containers, prevEvent));
      if (frame) return frame;
    }
    return frameByKey.get(frameAt[prevId] ?? "root") ?? frameByKey.get("root")!;
  };

  const roles = new Map<string, EventRole>();
  for (const event of sorted) {
    const d = detailsOf(event) ?? NO_DETAILS;
    const prevId = event.previousEventId;
    const prevRun = runAt[prevId] ?? null;
    const prevFrame = frameAt[prevId] ?? "root";
    const t = eventTime(event) ?? null;
    if (t !== null) {
      if (t < first) first = t;
      if (t > last) last = t;
    }
    let role = roles.get(event.type);
    if (role === undefined) roles.set(event.type, (role = eventRole(event.type)));

    if (role === "execution") {
      applyExecutionEvent(execution, event.type, d, t);
      // the state the execution stopped in (Fail state, uncaught error, runtime error, time-out)
      const failing = prevRun;
      if ((event.type === "ExecutionFailed" || event.type === "ExecutionTimedOut") && failing && failing.exitedEventId === null) {
        marks.failed.add(failing.key);
        if (failing.error === null) {
          failing.error = payloadText(d.error);
          failing.cause = payloadText(d.cause);
        }
      }
      attach(event, t, null, "root");
      continue;
    }

    if (role === "entered") {
      const name = String(d.name ?? "");
      const frame = frameForEntered(prevId, name);
      let visits = visitsIn.get(frame.thread);
      if (!visits) visitsIn.set(frame.thread, (visits = new Map()));
      const visit = (visits.get(name) ?? 0) + 1;
      visits.set(name, visit);
      const run: StateRun = {
        key: `r${event.id}`,
        threadKey: `${frame.thread}|${name}#${visit}`,
        stateName: name,
        statePath: statePathIn(frame.scopeKey, name),
        stateType: stateTypeOf(event.type),
        frameKey: frame.key,
        enteredEventId: event.id,
        exitedEventId: null,
        enteredAt: t,
        exitedAt: null,
        endedAt: t,
        status: "in-progress",
        input: payloadText(d.input),
        output: null,
        error: null,
        cause: null,
        attempts: [],
        resource: null,
        resourceType: null,
        parameters: null,
        assignedVariables: null,
        previousRunKey: prevRun && prevRun.frameKey === frame.key ? prevRun.key : null,
        eventIds: [],
      };
      if (run.stateType === "Fail" && index) {
        const def = index.states.get(run.statePath)?.def;
        if (typeof def?.Error === "string") run.error = def.Error;
        if (typeof def?.Cause === "string") run.cause = def.Cause;
      }
      runs.push(run);
      runByKey.set(run.key, run);
      visitOf.set(run.key, visit);
      frame.runKeys.push(run.key);
      const list = runsByName.get(name);
      if (list) list.push(run);
      else runsByName.set(name, [run]);
      attach(event, t, run, frame.key);
      continue;
    }

    if (role === "exited") {
      const open = (r: StateRun) => r.exitedEventId === null && r.stateName === d.name;
      let run = prevRun && open(prevRun) ? prevRun : null;
      for (let frame = frameByKey.get(run?.frameKey ?? prevFrame); !run && frame?.containerRunKey;) {
        const candidate = runByKey.get(frame.containerRunKey)!;
        if (open(candidate)) run = candidate;
        frame = frameByKey.get(candidate.frameKey);
      }
      run ??= latestByName(d.name, open);
      if (run) {
        run.exitedEventId = event.id;
        run.exitedAt = t;
        run.endedAt = t;
        run.output = payloadText(d.output);
        run.assignedVariables = variablesOf(d.assignedVariables);
      }
      attach(event, t, run, prevFrame);
      continue;
    }

    if (CONTAINER_ROLES.has(role)) {
      const container = findContainer(prevId, containerTypeOf(event.type), d.name);
      attach(event, t, container, prevFrame);
      if (!container) continue;
      if (role === "container-started") {
        const state = containers.get(container.key);
        const attempt = state ? state.attempt + 1 : 0;
        containers.set(container.key, { attempt, branches: new Map() });
        const lastAttempt = container.attempts.at(-1);
        if (lastAttempt && lastAttempt.outcome === "in-progress") lastAttempt.outcome = "failed";
        container.attempts.push(newAttempt(attempt, event.id, t));
      } else if (role === "iteration-started") {
        const attempt = containers.get(container.key)?.attempt ?? 0;
        const i = typeof d.index === "number" ? d.index : 0;
        addFrame({
          key: iterationKey(container, containers, event),
          kind: "iteration",
          parentFrameKey: container.frameKey,
          containerRunKey: container.key,
          index: i,
          attempt,
          label: `Iteration ${i}`,
          thread: threadIn(container, `[${typeof d.index === "number" ? d.index : `?${++orphans}`}]`),
          scopeKey: container.statePath,
          startedAt: t,
          endedAt: null,
          status: "in-progress",
          runKeys: [],
        });
      } else if (role === "iteration-ended") {
        const frame = frameByKey.get(iterationKey(container, containers, event));
        if (frame) {
          frame.endedAt = t;
          frame.status = event.type.endsWith("Succeeded") ? "succeeded" : event.type.endsWith("Failed") ? "failed" : "aborted";
        }
      } else {
        applyContainerEvent(container, event.type, d, t, role, marks);
      }
      continue;
    }

    // task attempts, aborts, evaluation failures and anything else: the run of the event it follows
    let run = prevRun && prevRun.exitedEventId === null ? prevRun : null;
    if (!run && typeof d.state === "string") run = latestByName(d.state, (r) => r.exitedEventId === null);
    attach(event, t, run, prevFrame);
    if (run) applyRunEvent(run, event.id, d, t, role, marks);
  }

  const prepared: PreparedRuns = {
    runs,
    runByKey,
    frames,
    frameByKey,
    runKeyOfEvent,
    execution,
    eventTimes: first <= last ? { first, last } : null,
  };
  finalizeRuns(prepared, marks);
  return prepared;
}

function isSorted(events: readonly HistoryEventJson[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i].id < events[i - 1].id) return false;
  return true;
}

function iterationKey(map: StateRun, containers: Map<string, ContainerState>, event: HistoryEventJson): string {
  const index = detailsOf(event)?.index;
  return `${map.key}#a${containers.get(map.key)?.attempt ?? 0}/i${typeof index === "number" ? index : 0}`;
}

/** Branch of a Parallel a first state belongs to: the unused branch whose StartAt it is. */
function pickBranch(index: DefinitionIndex | null, parallelPath: string, name: string, used: Map<number, string>): number {
  const scopes = index?.childScopes.get(parallelPath) ?? [];
  for (const key of scopes) {
    const scope = index!.scopes.get(key)!;
    if (scope.startAt === name && scope.branchIndex !== null && !used.has(scope.branchIndex)) return scope.branchIndex;
  }
  let next = 0;
  while (used.has(next)) next++;
  return next;
}
