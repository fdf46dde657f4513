import { replayExecution, type ReplayOptions, type ReplayOutcome, type ReplaySource } from "../replay/replay-execution";
import { replayErrorField } from "../replay/replay-request";
import { pack, unpack } from "./deep-values";
import { exampleInvoker } from "../examples/example-invoker";
import { evaluationGuard } from "./evaluation-guard";

/** A replay as data, for an evaluation worker (see run-replay-bounded.ts). */
export interface ReplayTask {
  source: ReplaySource;
  options: Omit<ReplayOptions, "evaluationGuard">;
  /** Per-evaluation bound inside the replay: a runaway expression fails the replay (States.Runtime). */
  guard: { timeMs: number; memoryMb: number };
}

/** Runs a replay inside the worker; an error about a request field carries that field's name. */
export async function runReplayTask(task: ReplayTask): Promise<ReplayOutcome> {
  try {
    const options = {
      ...task.options,
      input: unpack(task.options.input),
      patch: unpack(task.options.patch),
      definition: unpack(task.options.definition),
    };
    if (!Object.hasOwn(task.options, "input")) delete options.input;
    return packOutcome(
      await replayExecution(task.source, { ...options, evaluationGuard: evaluationGuard(task.guard), exampleHandlers: exampleInvoker }),
    );
  } catch (error) {
    const field = replayErrorField(error);
    if (field && error instanceof Error) Object.assign(error, { field });
    throw error;
  }
}

/** Payloads of the outcome as JSON text for the trip back (see deep-values.ts). */
function packOutcome(outcome: ReplayOutcome): ReplayOutcome {
  type Edits = NonNullable<ReplayOutcome["edits"]>;
  const edits: Edits | null = outcome.edits
    ? { ...outcome.edits, input: pack(outcome.edits.input), patch: pack(outcome.edits.patch) as Edits["patch"] }
    : outcome.edits;
  if (edits && !Object.hasOwn(outcome.edits!, "input")) delete edits.input;
  if (edits && !Object.hasOwn(outcome.edits!, "patch")) delete edits.patch;
  return {
    ...outcome,
    output: pack(outcome.output),
    input: pack(outcome.input),
    engine: { ...outcome.engine, output: pack(outcome.engine.output) },
    edits,
  };
}
