import { replayExecution, type ReplayOptions, type ReplayOutcome, type ReplaySource } from "../replay/replay-execution";
import { replayErrorField } from "../replay/replay-request";
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
    return await replayExecution(task.source, { ...task.options, evaluationGuard: evaluationGuard(task.guard) });
  } catch (error) {
    const field = replayErrorField(error);
    if (field && error instanceof Error) Object.assign(error, { field });
    throw error;
  }
}
