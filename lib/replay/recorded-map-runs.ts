import type { MapRunOutcome, TaskRejection } from "../asl/ports";
import { requireDefinitionIndex } from "../asl/definition/definition-model";
import type { MapRunCall, RejectedCall, ThreadTracker } from "./history-threads";
import { causeText, payloadValue } from "./payload";

/**
 * How long a recorded step takes in the replay. `recordedTimes` (an unchanged replay): it ends at
 * its recorded instant, so racing branches finish in the recorded order even where AWS took
 * longer than the engine to get there; a replay that is late takes the recorded duration.
 */
export function recordedDuration(
  startAt: number | undefined,
  endAt: number | undefined,
  now: number,
  recordedTimes: boolean,
): number | undefined {
  if (endAt === undefined || startAt === undefined) return undefined;
  const took = Math.max(0, endAt - startAt);
  return recordedTimes ? Math.max(took, endAt - now) : took;
}

/**
 * The keys a call of `stateName` made now would have in the replay's own history: one per
 * thread currently in that state (oldest entry first), `<thread>|<state>#<visit>|<attempt>`.
 */
export function liveKeys(live: ThreadTracker, stateName: string, attempt: number): string[] {
  const keys: string[] = [];
  for (const entry of live.entries) {
    const current = entry.thread.current;
    if (entry.stateName !== stateName || current?.state !== stateName || current.visit !== entry.visit) continue;
    keys.push(`${entry.thread.key}|${stateName}#${entry.visit}|${attempt}`);
  }
  return keys;
}

/** Bounds a run that never finished in the recording (AWS's default task timeout, in ms). */
const UNFINISHED_MS = 99_999_999_000;

/**
 * A recorded distributed Map Run as the engine's `runMap` port answers it: the recorded Map Run
 * ARN, its duration, then the state's recorded output and assignments (MapStateExited) or the
 * run's recorded failure. undefined: the recording cannot answer it (it succeeded but the
 * state's exit is not recorded). A run the recording never finished runs "forever" (another
 * branch's failure or the replay's stop ends it, as in the recording).
 */
export function mapRunOutcome(run: MapRunCall, now: number, recordedTimes: boolean): MapRunOutcome | undefined {
  const arn = typeof run.mapRunArn === "string" ? { mapRunArn: run.mapRunArn } : {};
  const end = run.end;
  if (!end || end.type === "MapRunAborted") return { ...arn, result: null, durationMs: UNFINISHED_MS };
  const duration = recordedDuration(run.startedAt, end.at, now, recordedTimes);
  const timing = duration === undefined ? {} : { durationMs: duration };
  if (end.type === "MapRunFailed") {
    const cause = causeText(end.cause);
    return { ...arn, ...timing, error: end.error ?? "", ...(cause === undefined ? {} : { cause }) };
  }
  if (!run.exit) return undefined;
  const assigned = run.exit.assignedVariables;
  const assignedVariables =
    assigned && typeof assigned === "object"
      ? Object.fromEntries(Object.entries(assigned).map(([name, value]) => [name, payloadValue(value)]))
      : undefined;
  return { ...arn, ...timing, stateOutput: payloadValue(run.exit.output), ...(assignedVariables ? { assignedVariables } : {}) };
}

const LOCATION = /^An error occurred while executing the state '[^']*' \(entered at the event id #\d+\)\. /;
/** The errors whose causes the engine prefixes with the state's location (as AWS does). */
const LOCATED = new Set(["States.Runtime", "States.QueryEvaluationError"]);

/**
 * A recorded refusal (entered, then failed before scheduling) as the engine's `reject` port
 * answers it. A located cause loses AWS's prefix: the engine adds its own, naming the replay's
 * entered event.
 */
export function rejectionOf(rejected: RejectedCall): TaskRejection {
  const error = rejected.error ?? "States.Runtime";
  const cause = causeText(rejected.cause);
  if (cause === undefined) return { error };
  return { error, cause: LOCATED.has(error) ? cause.replace(LOCATION, "") : cause };
}

/** A state's definition (anywhere in the machine), to tell whether an edit changed it. */
export function stateDefinition(definition: string | object, name: string): unknown {
  return requireDefinitionIndex(definition).byName.get(name)?.def;
}
