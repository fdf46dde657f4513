import { StatesError } from "../../errors";
import type { MapRunOutcome } from "../../ports";
import { isPromise } from "../maybe";
import { explicitFailure } from "../state-failure";
import type { AttemptResult } from "../states/executing-state";
import type { StateRun } from "../states/state";

/** A Map Run answered with the state's recorded output: the state applies no output processing. */
export class RecordedStateOutput {
  constructor(readonly finished: AttemptResult) {}
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function checked(outcome: unknown, stateName: string): MapRunOutcome | undefined {
  if (outcome === undefined) return undefined;
  const problem = !isRecord(outcome)
    ? "it is not an object"
    : !("result" in outcome || "stateOutput" in outcome || "error" in outcome)
      ? "it has none of result, stateOutput or error"
      : "error" in outcome && typeof outcome.error !== "string"
        ? "its error is not a string"
        : outcome.mapRunArn !== undefined && typeof outcome.mapRunArn !== "string"
          ? "its mapRunArn is not a string"
          : outcome.durationMs !== undefined && (typeof outcome.durationMs !== "number" || !(outcome.durationMs >= 0))
            ? "its durationMs is not a non-negative number"
            : undefined;
  if (problem) throw new StatesError("States.Runtime", `The Map Run outcome given for state '${stateName}' is not valid: ${problem}.`);
  return outcome as MapRunOutcome;
}

/**
 * Asks the task invoker's optional `runMap` port for a distributed Map Run's outcome before the
 * engine reads any item; undefined (or no port): the engine runs the child executions itself.
 */
export async function askMapRun(run: StateRun, mapRunArn: string): Promise<MapRunOutcome | undefined> {
  const env = run.env;
  const invoker = env.runtime.invoker;
  if (!invoker?.runMap) return undefined;
  const request = { stateName: run.state.name, stateInput: run.input, mapRunArn, attempt: run.retries, now: new Date(env.now()) };
  const answer = invoker.runMap(request);
  const outcome = isPromise(answer) ? await env.race(env.runtime.scheduler.track(answer)) : answer;
  return checked(outcome, run.state.name);
}

/**
 * Plays an answered Map Run on the virtual clock: its duration, then its result (or a
 * RecordedStateOutput); a failure is thrown as given, never prefixed, so MapRunFailed and the
 * state's failure carry the recorded error and cause.
 */
export async function answeredRun(run: StateRun, outcome: MapRunOutcome): Promise<unknown> {
  await run.env.sleep(outcome.durationMs ?? 0);
  if ("error" in outcome) throw explicitFailure(outcome.error, outcome.cause);
  if ("stateOutput" in outcome) return new RecordedStateOutput({ output: outcome.stateOutput, assign: outcome.assignedVariables });
  return outcome.result;
}
