import type { HistoryEvent } from "../asl/history/types";
import type { MapRunOutcome, MapRunRequest, TaskInvoker, TaskOutcome, TaskRejection, TaskRequest } from "../asl/ports";
import { definitionScopes } from "./definition-scopes";
import { trackHistory, type MapRunCall, type ThreadTracker, type ReplayEvent, type TaskCall } from "./history-threads";
import { causeText, payloadValue, sameJson } from "./payload";
import { liveKeys, mapRunOutcome, recordedDuration, rejectionOf, stateDefinition } from "./recorded-map-runs";

/** The error a replayed task gets when the recording has no answer and the rule is "fail". */
export const NO_RECORDED_RESULT = "statelens.NoRecordedResult";

export interface RecordedInvokerOptions {
  /** The definition the recording ran (tells which Map iteration / Parallel branch a call was in). */
  definition: string | object;
  /** The definition the replay runs, when edited (default: `definition`). */
  replayDefinition?: string | object;
  /** Replays from a checkpoint (the engine numbers on from it): calls scheduled before it are not answered again, except by their Scheduled id. */
  fromEventId?: number;
  /**
   * `"position"`: a call gets the recorded outcome of the same call (state, visit, iteration or
   * branch, attempt) whatever its parameters. `"request"` (default): only if its parameters also
   * equal the recorded ones; a changed call counts as one the recording never made.
   */
  match?: "position" | "request";
  /** Answers calls the recording has no outcome for (default: fail with NO_RECORDED_RESULT). */
  missing?: TaskInvoker;
  /** The recording ended ABORTED: a call it never finished (or never made) stops the replay too. */
  abortedWith?: { error?: string; cause?: string };
  /**
   * Outcomes land at their recorded instants (an unchanged replay), so racing branches finish in
   * the recorded order; default: each takes its recorded duration from the replay's own call.
   */
  recordedTimes?: boolean;
  /**
   * Calls the recording left running (it ends while they wait: an execution interrupted by a
   * restart) go to `missing`, which takes them up live; default: they never answer.
   */
  unfinishedGoOn?: boolean;
  /**
   * The recording as replay-execution read it once (recorded-history.ts): its threads followed
   * over the whole history and the replay's own tracker fed up to `fromEventId`. Default: this
   * invoker follows `recorded` itself.
   */
  read?: { tracker: ThreadTracker; live: ThreadTracker };
}

/** What a replay needs from the running execution: its live history and a way to stop it. */
export interface FollowedExecution {
  events(): readonly HistoryEvent[];
  stop(error?: string, cause?: string): void;
}

export interface MissedCall {
  stateName: string;
  attempt: number;
  reason: "not-recorded" | "request-changed";
  /** A distributed Map Run rather than a task call. */
  mapRun?: true;
}

export interface ReplayTaskInvoker extends TaskInvoker {
  /** Reads the replay's own history to place each call (call before the run starts). */
  follow(execution: FollowedExecution): void;
  /** Calls answered from the recording. */
  readonly answered: number;
  /** Calls the recording could not answer (handed to `missing`). */
  readonly missed: readonly MissedCall[];
}

/**
 * A TaskInvoker answering each Task call from a recorded history: per state, visit, Map iteration
 * / Parallel branch and attempt, the recorded result or failure (timeouts as States.Timeout /
 * States.HeartbeatTimeout, so the engine emits the *TimedOut events), taking as long as the
 * recording says (Scheduled to outcome). Calls are placed by following the replay's own history
 * (`follow`); without it, by state and attempt in recording order; calls whose links a recorder
 * lost, by their parameters. It also answers the engine's two optional ports from the recording:
 * `runMap` (a distributed Map Run as one unit: its children are other executions) and `reject`
 * (a call AWS refused before scheduling it).
 */
export function recordedTaskInvoker(recorded: readonly ReplayEvent[], options: RecordedInvokerOptions): ReplayTaskInvoker {
  const from = options.fromEventId ?? 0;
  // From a checkpoint the replay continues the recording's numbering: the whole recording places
  // the calls; those scheduled before the checkpoint are taken (a state re-run on resume repeats
  // them by their recorded Scheduled id, see `invoke`).
  const recordedScopes = options.read ? undefined : definitionScopes(options.definition);
  const tracked = options.read?.tracker ?? trackHistory(recorded, recordedScopes!);
  const calls = tracked.calls;
  const beforeCheckpoint = new Map<number, TaskCall>();
  for (const c of calls) if (c.scheduledId < from) beforeCheckpoint.set(c.scheduledId, Object.assign(c, { claimed: true }));
  const byKey = new Map<string, TaskCall>(calls.map((c) => [c.key, c]));
  // Map Runs and refusals before a checkpoint belong to the recorded prefix.
  for (const r of tracked.mapRuns) if (r.startedId < from) r.claimed = true;
  for (const r of tracked.rejections) if (r.eventId < from) r.claimed = true;
  const runsByKey = new Map<string, MapRunCall>(tracked.mapRuns.map((r) => [r.key, r]));
  const rejectionsByKey = new Map(tracked.rejections.map((r) => [r.key, r]));
  const asked = new Set<string>();
  const recordedTimes = options.recordedTimes === true;
  // The replay's own calls, placed by the definition it runs (parsed again only when edited).
  const live =
    options.read?.live ??
    trackHistory(
      recorded.filter((e) => e.id < from),
      options.replayDefinition === undefined ? recordedScopes! : definitionScopes(options.replayDefinition),
    );
  const unclaimedLive: TaskCall[] = [];
  const match = options.match ?? "request";
  const missed: MissedCall[] = [];
  let followed: FollowedExecution | undefined;
  let seen = 0;
  let answered = 0;

  const catchUp = () => {
    if (!followed) return;
    const history = followed.events();
    for (; seen < history.length; seen++) {
      const before = live.calls.length;
      live.add(history[seen]);
      for (let i = before; i < live.calls.length; i++) unclaimedLive.push(live.calls[i]);
    }
  };

  /** The replay's own Scheduled event for this request (first unclaimed one of the state and attempt). */
  const liveCall = (request: TaskRequest): TaskCall | undefined => {
    const same = (c: TaskCall) => c.stateName === request.stateName && c.attempt === request.attempt;
    const first = unclaimedLive.findIndex(same);
    if (first < 0) return undefined;
    let index = first;
    // Several threads scheduled the same state at once: their parameters tell them apart.
    if (unclaimedLive.some((c, i) => i > first && same(c))) {
      const found = unclaimedLive.findIndex((c) => same(c) && sameJson(payloadValue(c.parameters), request.parameters));
      if (found >= 0) index = found;
    }
    return unclaimedLive.splice(index, 1)[0];
  };

  const byOrder = (request: TaskRequest) =>
    calls.find((c) => !c.claimed && c.stateName === request.stateName && c.attempt === request.attempt);

  /** A Map Run the recording has no outcome for: the missing-result rule decides (fail, or run its children). */
  const missRun = (
    request: MapRunRequest,
    reason: MissedCall["reason"],
  ): MapRunOutcome | Promise<MapRunOutcome | undefined> | undefined => {
    missed.push({ stateName: request.stateName, attempt: request.attempt, reason, mapRun: true });
    if (options.abortedWith && followed) return stopHere(followed, options.abortedWith) as Promise<MapRunOutcome>;
    // Another rule runs the child executions here; their task calls go to that rule in turn.
    if (options.missing) return options.missing.runMap?.(request);
    const why =
      reason === "request-changed"
        ? "the state's input or definition differs from the recorded run's"
        : "the recording has no outcome for it";
    return {
      error: NO_RECORDED_RESULT,
      cause: `No recorded outcome for the distributed Map Run of state '${request.stateName}' (attempt ${request.attempt}): ${why}. Choose another missing-result rule (mocks or example handlers) to run its child executions.`,
    };
  };

  const miss = (request: TaskRequest, reason: MissedCall["reason"]): TaskOutcome | Promise<TaskOutcome> => {
    missed.push({ stateName: request.stateName, attempt: request.attempt, reason });
    if (options.abortedWith && followed) return stopHere(followed, options.abortedWith);
    if (options.missing) return options.missing.invoke(request);
    const why =
      reason === "request-changed" ? "the call's parameters differ from the recorded call's" : "the recording never reached this call";
    return {
      error: NO_RECORDED_RESULT,
      cause: `No recorded result for state '${request.stateName}' (attempt ${request.attempt}): ${why}. Choose another missing-result rule (mocks or example handlers) to answer it.`,
    };
  };

  return {
    get answered() {
      return answered;
    },
    missed,
    follow(execution) {
      followed = execution;
    },
    invoke(request) {
      const again =
        request.scheduledEventId !== undefined && request.scheduledEventId < from
          ? beforeCheckpoint.get(request.scheduledEventId)
          : undefined;
      if (again) {
        if (again.end) {
          answered++;
          return outcomeOf(again, request, recordedTimes);
        }
        return options.abortedWith && followed
          ? stopHere(followed, options.abortedWith)
          : { output: null, durationMs: Number.MAX_SAFE_INTEGER };
      }
      catchUp();
      const placed = followed ? liveCall(request) : undefined;
      // Unplaceable recordings (links renumbered by a recorder, nesting changed by an edit) fall back to order.
      let call = placed ? byKey.get(placed.key) : undefined;
      if (!call || call.claimed) call = byOrder(request);
      if (!call || call.claimed)
        call = tracked.unplacedCalls.find((c) => !c.claimed && sameJson(payloadValue(c.parameters), request.parameters, request.taskToken));
      if (!call || call.claimed) return miss(request, "not-recorded");
      const params = payloadValue(call.parameters);
      if (match === "request" && call.parameters !== undefined && !sameJson(params, request.parameters, request.taskToken)) {
        return miss(request, "request-changed");
      }
      call.claimed = true;
      if (!call.end) {
        if (options.abortedWith && followed) {
          // A callback task stopped while waiting: submit it as recorded, then stop the replay.
          if (request.taskToken !== undefined && call.submitted !== undefined) {
            const { stop } = followed;
            const how = options.abortedWith;
            setTimeout(() => stop(how.error, how.cause), 0);
            return { pending: true, submitted: payloadValue(call.submitted) } as TaskOutcome;
          }
          return stopHere(followed, options.abortedWith);
        }
        // The recording ended while this call was running: it goes on live, or never answers.
        if (options.unfinishedGoOn && options.missing) return options.missing.invoke(request);
        return { output: null, durationMs: Number.MAX_SAFE_INTEGER };
      }
      answered++;
      return outcomeOf(call, request, recordedTimes);
    },
    reject(request): TaskRejection | undefined {
      // A refusal has no recorded parameters to compare, so only a position-matched replay repeats it.
      if (match !== "position") return undefined;
      // Most recordings hold no refusal: asking must stay O(1) per call then (a Map of 10,000 tasks).
      if (!tracked.rejections.some((r) => !r.claimed && r.stateName === request.stateName)) return undefined;
      catchUp();
      const keys = followed ? liveKeys(live, request.stateName, request.attempt) : [];
      const key = keys.find((k) => !asked.has(k));
      if (key !== undefined) asked.add(key);
      const rejected =
        key !== undefined
          ? rejectionsByKey.get(key)
          : tracked.rejections.find((r) => !r.claimed && r.stateName === request.stateName && r.attempt === request.attempt);
      if (!rejected || rejected.claimed) return undefined;
      rejected.claimed = true;
      answered++;
      return rejectionOf(rejected);
    },
    runMap(request): MapRunOutcome | Promise<MapRunOutcome | undefined> | undefined {
      catchUp();
      const keys = followed ? liveKeys(live, request.stateName, request.attempt) : [];
      let run = keys.map((k) => runsByKey.get(k)).find((r) => r && !r.claimed);
      run ??= tracked.mapRuns.find((r) => !r.claimed && r.stateName === request.stateName && r.attempt === request.attempt);
      const unchanged =
        run !== undefined &&
        (match === "position" ||
          (sameJson(payloadValue(run.stateInput), request.stateInput) &&
            sameJson(
              stateDefinition(options.definition, run.stateName),
              stateDefinition(options.replayDefinition ?? options.definition, run.stateName),
            )));
      const outcome = run && unchanged ? mapRunOutcome(run, request.now.getTime(), recordedTimes) : undefined;
      if (!run || !outcome) return missRun(request, run ? (unchanged ? "not-recorded" : "request-changed") : "not-recorded");
      run.claimed = true;
      const unfinished = !run.end || run.end.type === "MapRunAborted";
      // The recording was stopped during this run: start it (MapRunStarted is the next event), then stop.
      if (unfinished && options.abortedWith && followed) stopOnceEmitted(followed, options.abortedWith);
      answered++;
      return outcome;
    },
  };
}

/** Stops the replay once its history grows by one event (within a few microtasks; the clock cannot move meanwhile). */
function stopOnceEmitted(execution: FollowedExecution, how: { error?: string; cause?: string }): void {
  const before = execution.events().length;
  const check = (turns: number) => {
    if (execution.events().length > before || turns === 0) execution.stop(how.error, how.cause);
    else queueMicrotask(() => check(turns - 1));
  };
  queueMicrotask(() => check(100));
}

/** Stops the replay where the recording was stopped; the call itself never answers. */
function stopHere(execution: FollowedExecution, how: { error?: string; cause?: string }): Promise<TaskOutcome> {
  queueMicrotask(() => execution.stop(how.error, how.cause));
  return new Promise<TaskOutcome>(() => {});
}

function outcomeOf(call: TaskCall, request: TaskRequest, recordedTimes: boolean): TaskOutcome {
  const end = call.end!;
  const limit = request.timeoutSeconds !== undefined ? request.timeoutSeconds * 1000 : Infinity;
  const took = recordedDuration(call.scheduledAt, end.at, request.now.getTime(), recordedTimes);
  const durationMs = took === undefined ? undefined : Math.min(took, limit);
  const extras: Record<string, unknown> = {};
  if (call.submitted !== undefined) extras.submitted = payloadValue(call.submitted);
  if (call.workerName !== undefined) extras.workerName = call.workerName;
  if (durationMs !== undefined) extras.durationMs = durationMs;
  if (end.type.endsWith("Succeeded")) return { output: payloadValue(end.output), ...extras };
  const cause = causeText(end.cause);
  const error = end.type.endsWith("TimedOut") ? (end.error ?? "States.Timeout") : (end.error ?? "");
  return cause === undefined ? { error, ...extras } : { error, cause, ...extras };
}
