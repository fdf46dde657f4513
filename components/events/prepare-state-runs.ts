import { parseTime, payloadText, type EventDto } from "../../lib/model/execution";
import { applyContainerEvent, applyExecutionEvent, applyRunEvent, newAttempt, variablesOf } from "./apply-run-events";
import { branchScopeKey, indexDefinition, statePathIn, type DefinitionIndex } from "../graph/definition-index";
import { containerTypeOf, eventRole, stateTypeOf } from "./event-roles";
import { finalizeRuns, type RunMarks } from "./finalize-runs";
import type { ExecutionSummary, Frame, PreparedRuns, StateRun } from "./state-run-types";

interface Ctx {
  run: StateRun | null;
  frameKey: string;
}

interface ContainerState {
  attempt: number;
  /** branch index -> frame key, for the current attempt */
  branches: Map<number, string>;
}

/**
 * Groups a history into state runs (one per state entry) inside frames (top level, Parallel
 * branches, Map iterations). Each event is attributed by following its previousEventId link:
 * - a state entered right after ParallelStateStarted / MapIterationStarted opens a branch /
 *   iteration frame; otherwise it lives in the frame of the event it follows;
 * - Parallel/Map bookkeeping events belong to the nearest enclosing open Parallel/Map run;
 * - everything else belongs to the run of the event it follows, falling back to the latest open
 *   run of the named state when links are missing.
 */
export function prepareStateRuns(
  events: readonly EventDto[],
  definition?: string | Record<string, unknown> | DefinitionIndex | null,
): PreparedRuns {
  const index = isIndex(definition) ? definition : indexDefinition(definition);
  const sorted = isSorted(events) ? events : [...events].sort((a, b) => a.id - b.id);
  const runs: StateRun[] = [];
  const runByKey = new Map<string, StateRun>();
  const frames: Frame[] = [];
  const frameByKey = new Map<string, Frame>();
  const runKeyOfEvent = new Map<number, string>();
  const ctxOf = new Map<number, Ctx>();
  const eventById = new Map<number, EventDto>();
  const containers = new Map<string, ContainerState>();
  const runsByName = new Map<string, StateRun[]>();
  const marks: RunMarks = { terminated: new Set(), failed: new Set() };
  const terminated = marks.terminated;
  const execution: ExecutionSummary = {
    status: "RUNNING", startedAt: null, endedAt: null, input: null, output: null, error: null, cause: null, redriven: 0,
  };

  const addFrame = (frame: Frame) => {
    frames.push(frame);
    frameByKey.set(frame.key, frame);
    return frame;
  };
  addFrame({
    key: "root", kind: "root", parentFrameKey: null, containerRunKey: null, index: 0, attempt: 0,
    label: "Execution", scopeKey: "", startedAt: null, endedAt: null, status: "in-progress", runKeys: [],
  });

  const attach = (event: EventDto, run: StateRun | null, frameKey: string) => {
    ctxOf.set(event.id, { run, frameKey: run ? run.frameKey : frameKey });
    if (!run) return;
    run.eventIds.push(event.id);
    runKeyOfEvent.set(event.id, run.key);
    const t = parseTime(event.timestamp);
    if (t !== null && run.exitedEventId === null) run.endedAt = t;
  };

  const latestByName = (name: unknown, accept: (r: StateRun) => boolean): StateRun | null => {
    const list = typeof name === "string" ? runsByName.get(name) : undefined;
    if (list) for (let i = list.length - 1; i >= 0; i--) if (accept(list[i])) return list[i];
    return null;
  };

  const findContainer = (prev: Ctx | undefined, type: "Parallel" | "Map", name: unknown): StateRun | null => {
    const fits = (r: StateRun) =>
      r.stateType === type && r.exitedEventId === null && !terminated.has(r.key) && (typeof name !== "string" || r.stateName === name);
    let run = prev?.run ?? null;
    let frameKey = prev?.frameKey ?? "root";
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

  const frameForEntered = (event: EventDto, name: string): Frame => {
    const prevEvent = eventById.get(event.previousEventId);
    const prev = ctxOf.get(event.previousEventId);
    if (prevEvent?.type === "ParallelStateStarted" && prev?.run) {
      const parallel = prev.run;
      const state = containers.get(parallel.key) ?? { attempt: 0, branches: new Map() };
      const branch = pickBranch(index, parallel.statePath, name, state.branches);
      const existing = state.branches.get(branch);
      if (existing) return frameByKey.get(existing)!;
      const frame = addFrame({
        key: `${parallel.key}#a${state.attempt}/b${branch}`, kind: "branch", parentFrameKey: parallel.frameKey,
        containerRunKey: parallel.key, index: branch, attempt: state.attempt, label: `Branch ${branch + 1}`,
        scopeKey: branchScopeKey(parallel.statePath, branch), startedAt: parseTime(prevEvent.timestamp),
        endedAt: null, status: "in-progress", runKeys: [],
      });
      state.branches.set(branch, frame.key);
      return frame;
    }
    if (prevEvent?.type === "MapIterationStarted" && prev?.run) {
      const key = iterationKey(prev.run, containers, prevEvent);
      const frame = frameByKey.get(key);
      if (frame) return frame;
    }
    return frameByKey.get(prev?.frameKey ?? "root") ?? frameByKey.get("root")!;
  };

  for (const event of sorted) {
    eventById.set(event.id, event);
    const d = event.details ?? {};
    const prev = ctxOf.get(event.previousEventId);
    const t = parseTime(event.timestamp);
    const role = eventRole(event.type);

    if (role === "execution") {
      applyExecutionEvent(execution, event, t);
      // the state the execution stopped in (Fail state, uncaught error, runtime error, time-out)
      const failing = prev?.run;
      if ((event.type === "ExecutionFailed" || event.type === "ExecutionTimedOut") && failing && failing.exitedEventId === null) {
        marks.failed.add(failing.key);
        if (failing.error === null) {
          failing.error = payloadText(d.error);
          failing.cause = payloadText(d.cause);
        }
      }
      attach(event, null, "root");
      continue;
    }

    if (role === "entered") {
      const name = String(d.name ?? "");
      const frame = frameForEntered(event, name);
      const prevRun = prev?.run;
      const run: StateRun = {
        key: `r${event.id}`, stateName: name, statePath: statePathIn(frame.scopeKey, name),
        stateType: stateTypeOf(event.type), frameKey: frame.key, enteredEventId: event.id, exitedEventId: null,
        enteredAt: t, exitedAt: null, endedAt: t, status: "in-progress", input: payloadText(d.input), output: null,
        error: null, cause: null, attempts: [], resource: null, resourceType: null, parameters: null,
        assignedVariables: null, previousRunKey: prevRun && prevRun.frameKey === frame.key ? prevRun.key : null, eventIds: [],
      };
      if (run.stateType === "Fail" && index) {
        const def = index.states.get(run.statePath)?.def;
        if (typeof def?.Error === "string") run.error = def.Error;
        if (typeof def?.Cause === "string") run.cause = def.Cause;
      }
      runs.push(run);
      runByKey.set(run.key, run);
      frame.runKeys.push(run.key);
      const list = runsByName.get(name) ?? [];
      list.push(run);
      runsByName.set(name, list);
      attach(event, run, frame.key);
      continue;
    }

    if (role === "exited") {
      const open = (r: StateRun) => r.exitedEventId === null && r.stateName === d.name;
      let run = prev?.run && open(prev.run) ? prev.run : null;
      for (let frame = frameByKey.get(run?.frameKey ?? prev?.frameKey ?? "root"); !run && frame?.containerRunKey; ) {
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
      attach(event, run, prev?.frameKey ?? "root");
      continue;
    }

    if (role.startsWith("container") || role.startsWith("iteration") || role === "map-run") {
      const container = findContainer(prev, containerTypeOf(event.type), d.name);
      attach(event, container, prev?.frameKey ?? "root");
      if (!container) continue;
      if (role === "container-started") {
        const state = containers.get(container.key);
        const attempt = state ? state.attempt + 1 : 0;
        containers.set(container.key, { attempt, branches: new Map() });
        const last = container.attempts.at(-1);
        if (last && last.outcome === "in-progress") last.outcome = "failed";
        container.attempts.push(newAttempt(attempt, event.id, t));
      } else if (role === "iteration-started") {
        const attempt = containers.get(container.key)?.attempt ?? 0;
        const i = typeof d.index === "number" ? d.index : 0;
        addFrame({
          key: iterationKey(container, containers, event), kind: "iteration", parentFrameKey: container.frameKey,
          containerRunKey: container.key, index: i, attempt, label: `Iteration ${i}`, scopeKey: container.statePath,
          startedAt: t, endedAt: null, status: "in-progress", runKeys: [],
        });
      } else if (role === "iteration-ended") {
        const frame = frameByKey.get(iterationKey(container, containers, event));
        if (frame) {
          frame.endedAt = t;
          frame.status = event.type.endsWith("Succeeded") ? "succeeded" : event.type.endsWith("Failed") ? "failed" : "aborted";
        }
      } else {
        applyContainerEvent(container, event, t, role, marks);
      }
      continue;
    }

    // task attempts, aborts, evaluation failures and anything else: the run of the event it follows
    let run = prev?.run && prev.run.exitedEventId === null ? prev.run : null;
    if (!run && typeof d.state === "string") run = latestByName(d.state, (r) => r.exitedEventId === null);
    attach(event, run, prev?.frameKey ?? "root");
    if (run) applyRunEvent(run, event, t, role, marks);
  }

  finalizeRuns({ runs, runByKey, frames, frameByKey, runKeyOfEvent, execution }, marks);
  return { runs, runByKey, frames, frameByKey, runKeyOfEvent, execution };
}

function isIndex(value: unknown): value is DefinitionIndex {
  return typeof value === "object" && value !== null && (value as DefinitionIndex).scopes instanceof Map;
}

function isSorted(events: readonly EventDto[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i].id < events[i - 1].id) return false;
  return true;
}

function iterationKey(map: StateRun, containers: Map<string, ContainerState>, event: EventDto): string {
  const index = typeof event.details?.index === "number" ? event.details.index : 0;
  return `${map.key}#a${containers.get(map.key)?.attempt ?? 0}/i${index}`;
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
