import type { ReplayOptions, ReplayOutcome, ReplaySource } from "../replay/replay-execution";
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
    options: { from: options.from, input: options.input, patch: options.patch, definition: options.definition, onMissing: options.onMissing, match: options.match, maxEvents: options.maxEvents },
    guard: { timeMs: limits.evalTimeMs, memoryMb: limits.evalMemoryMb },
  };
  if (!Object.hasOwn(options, "input")) delete task.options.input;
  return replays.run<ReplayOutcome>("replay", task, { what: "the replay", timeMs: limits.replayTimeMs });
}
