import type { TaskInvoker, TaskOutcome, TaskRequest } from "../asl/ports";
import { jsonEqual } from "./canonical-json";
import { pythonJsonText } from "./python-json-text";

/**
 * One recorded task result, as `service_calls` in a conformance case (or a replayed history)
 * lists them: which state called, how it ended (`TaskSucceeded`, `LambdaFunctionFailed`,
 * `ActivityTimedOut`, ...) and with what.
 */
export interface RecordedTaskResult {
  state: string;
  /** `Task`, `LambdaFunction` (legacy function-ARN resource) or `Activity`. */
  kind?: string;
  outcome: string | null;
  request?: unknown;
  output?: unknown;
  error?: string;
  /** Text, or a JSON object the recording parsed from text (re-serialised compactly here). */
  cause?: unknown;
  /** What `TaskSubmitted` reported for `.sync` / `.waitForTaskToken` calls. */
  submitted?: unknown;
  /** The activity worker that took the task (`ActivityStarted`). */
  workerName?: string;
}

/** Error name returned when a task asks for a result the recording does not have. */
export const NO_RECORDING_ERROR = "Replay.NoRecordedResult";

export interface RecordedTaskInvoker extends TaskInvoker {
  /** Recorded results no call has consumed yet, in recording order. */
  remaining(): RecordedTaskResult[];
  /** Calls that found no recorded result. */
  readonly misses: TaskRequest[];
}

function causeText(result: RecordedTaskResult): string | undefined {
  const cause = result.cause;
  if (cause === undefined || cause === null) return undefined;
  if (typeof cause === "string") return cause;
  // Legacy Lambda resources report function errors as Python-formatted JSON text.
  return result.kind === "LambdaFunction" ? pythonJsonText(cause) : JSON.stringify(cause);
}

/** Maps one recorded result to what the engine expects back from a task call. */
export function outcomeOf(result: RecordedTaskResult): TaskOutcome {
  const outcome = result.outcome ?? "";
  // The engine reads these two extras: TaskSubmitted's output and ActivityStarted's worker.
  const withExtras = <T extends object>(o: T): T => ({
    ...o,
    ...(result.submitted === undefined ? {} : { submitted: result.submitted }),
    ...(result.workerName === undefined ? {} : { workerName: result.workerName }),
  });
  const cause = causeText(result);
  const failure = (error: string) => (cause === undefined ? { error } : { error, cause });
  if (outcome.endsWith("Succeeded")) return withExtras({ output: result.output ?? null });
  // A States.Timeout / States.HeartbeatTimeout error makes the engine emit the *TimedOut event.
  if (outcome.endsWith("TimedOut")) return withExtras(failure(result.error ?? "States.Timeout"));
  if (outcome.endsWith("Failed")) return withExtras(failure(result.error ?? ""));
  return {
    error: NO_RECORDING_ERROR,
    cause: `The recording has no outcome for this call of state '${result.state}'.`,
  };
}

/**
 * A TaskInvoker that answers each call from a recording instead of calling AWS. Results are
 * consumed per state in recording order; when several unconsumed results of the state are
 * left, one whose recorded request equals the call's parameters is preferred (Map iterations
 * and Parallel branches may call in a different order than the history lists them). A call
 * whose state has no result left takes an unconsumed result of another state with an equal
 * request (recordings of parallel branches sometimes attribute a call to a sibling branch).
 */
export function createRecordedTaskInvoker(results: readonly RecordedTaskResult[]): RecordedTaskInvoker {
  const pending = results.map((result, index) => ({ result, index, used: false }));
  const misses: TaskRequest[] = [];
  return {
    misses,
    remaining: () => pending.filter((p) => !p.used).map((p) => p.result),
    invoke(request: TaskRequest): TaskOutcome {
      const candidates = pending.filter((p) => !p.used && p.result.state === request.stateName);
      const sameRequest = (p: (typeof pending)[number]) =>
        p.result.request !== undefined && jsonEqual(p.result.request, request.parameters);
      const chosen = candidates.find(sameRequest) ?? candidates[0] ?? pending.find((p) => !p.used && sameRequest(p));
      if (!chosen) {
        misses.push(request);
        return {
          error: NO_RECORDING_ERROR,
          cause: `No recorded result left for state '${request.stateName}' (attempt ${request.attempt}).`,
        };
      }
      chosen.used = true;
      return outcomeOf(chosen.result);
    },
  };
}
