import type { ReplayOptions, ReplayOutcome, ReplaySource } from "../replay/replay-execution";
import { pack, unpack } from "./deep-values";
import { evaluationPools } from "./pools";
import type { ReplayTask } from "./replay-task";

/**
 * replayExecution in a replay worker, with the replay's time and heap limits (a runaway ends in
 * LimitExceeded: "the replay exceeded its 60 s time limit") and, inside, the per-evaluation bound
 * of executions (a runaway JSONata expression fails the replay with States.Runtime, as on the SFN
 * API). Errors about a request field carry its name in `field` (see replayErrorField).
 */
export function replayBounded(source: ReplaySource, options: ReplayOptions): Promise<ReplayOutcome> {
  const { replays, limits } = evaluationPools();
  if (options.onMissing && typeof options.onMissing === "object" && "invoker" in options.onMissing) {
    throw new Error("replayBounded: a task invoker cannot be sent to a worker");
  }
  const task: ReplayTask = {
    source,
    options: {
      from: options.from,
      input: pack(options.input),
      patch: pack(options.patch) as ReplayOptions["patch"],
      definition: pack(options.definition) as ReplayOptions["definition"],
      onMissing: options.onMissing,
      match: options.match,
      maxEvents: options.maxEvents,
    },
    guard: { timeMs: limits.evalTimeMs, memoryMb: limits.evalMemoryMb },
  };
  if (!Object.hasOwn(options, "input")) delete task.options.input;
  return replays.run<ReplayOutcome>("replay", task, { what: "the replay", timeMs: limits.replayTimeMs }).then(unpackOutcome);
}

/** The outcome's payloads, packed by the worker (packOutcome) as JSON text, as values again. */
function unpackOutcome(outcome: ReplayOutcome): ReplayOutcome {
  const edits = outcome.edits
    ? { ...outcome.edits, input: unpack(outcome.edits.input), patch: unpack(outcome.edits.patch) }
    : outcome.edits;
  if (edits && !Object.hasOwn(outcome.edits!, "input")) delete edits.input;
  if (edits && !Object.hasOwn(outcome.edits!, "patch")) delete edits.patch;
  return {
    ...outcome,
    output: unpack(outcome.output),
    input: unpack(outcome.input),
    engine: { ...outcome.engine, output: unpack(outcome.engine.output) },
    edits,
  };
}
