import type { HistoryEvent } from "../asl/history/types";
import type { TaskInvoker, TaskOutcome, TaskRequest } from "../asl/ports";
import { definitionScopes } from "./definition-scopes";
import { ThreadTracker, trackHistory, type ReplayEvent, type TaskCall } from "./history-threads";
import { causeText, payloadValue, sameJson } from "./payload";

/** The error a replayed task gets when the recording has no answer and the rule is "fail". */
export const NO_RECORDED_RESULT = "statelens.NoRecordedResult";

export interface RecordedInvokerOptions {
  /** The definition the recording ran (tells which Map iteration / Parallel branch a call was in). */
  definition: string | object;
  /** The definition the replay runs, when edited (default: `definition`). */
  replayDefinition?: string | object;
  /** Replays from a checkpoint: only calls scheduled after this event id are answered. */
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
 * (`follow`); without it, by state and attempt in recording order.
 */
export function recordedTaskInvoker(recorded: readonly ReplayEvent[], options: RecordedInvokerOptions): ReplayTaskInvoker {
  const from = options.fromEventId ?? 0;
  const events = from > 0 ? recorded.filter((e, i) => i === 0 || e.id >= from) : recorded;
  const calls = trackHistory(events, definitionScopes(options.definition), from).calls;
  const byKey = new Map<string, TaskCall>(calls.map((c) => [c.key, c]));
  const live = new ThreadTracker(definitionScopes(options.replayDefinition ?? options.definition));
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
      live.add(history[seen] as unknown as ReplayEvent);
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

  const byOrder = (request: TaskRequest) => calls.find((c) => !c.claimed && c.stateName === request.stateName && c.attempt === request.attempt);

  const miss = (request: TaskRequest, reason: MissedCall["reason"]): TaskOutcome | Promise<TaskOutcome> => {
    missed.push({ stateName: request.stateName, attempt: request.attempt, reason });
    if (options.abortedWith && followed) return stopHere(followed, options.abortedWith);
    if (options.missing) return options.missing.invoke(request);
    const why = reason === "request-changed" ? "the call's parameters differ from the recorded call's" : "the recording never reached this call";
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
      catchUp();
      const placed = followed ? liveCall(request) : undefined;
      // Unplaceable recordings (links renumbered by a recorder, nesting changed by an edit) fall back to order.
      let call = placed ? byKey.get(placed.key) : undefined;
      if (!call || call.claimed) call = byOrder(request);
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
        // The recording ended while this call was running: it never answers.
        return { output: null, durationMs: Number.MAX_SAFE_INTEGER };
      }
      answered++;
      return outcomeOf(call, request);
    },
  };
}

/** Stops the replay where the recording was stopped; the call itself never answers. */
function stopHere(execution: FollowedExecution, how: { error?: string; cause?: string }): Promise<TaskOutcome> {
  queueMicrotask(() => execution.stop(how.error, how.cause));
  return new Promise<TaskOutcome>(() => {});
}

function outcomeOf(call: TaskCall, request: TaskRequest): TaskOutcome {
  const end = call.end!;
  const limit = request.timeoutSeconds !== undefined ? request.timeoutSeconds * 1000 : Infinity;
  const took = end.at !== undefined && call.scheduledAt !== undefined ? Math.max(0, end.at - call.scheduledAt) : undefined;
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
