import type { HistoryEventJson } from "../asl/history/types";
import { groupStateRuns } from "./group-state-runs";
import type { PreparedRuns } from "./state-run-types";

/** One StateRun table row: what the over-time aggregates and the state list count. */
export interface DerivedStateRun {
  stateName: string;
  /** Task, Pass, Choice, Wait, Map, Parallel, Succeed, Fail */
  stateType: string;
  enteredEventId: number;
  exitedEventId: number | null;
  startDate: Date;
  stopDate: Date | null;
  /** attempts of a Task, Parallel or Map state (1 = ran once); 1 for the other states */
  attempts: number;
  /** the run failed, as the execution page says (caught or not) */
  failed: boolean;
  /** it failed and a Catch recovered it (the state still exited) */
  caught: boolean;
  error: string | null;
  cause: string | null;
}

/** The StateRun rows of an ingested history: groupStateRuns, projected by stateRunRows. */
export function deriveStateRuns(events: readonly HistoryEventJson[]): DerivedStateRun[] {
  return stateRunRows(groupStateRuns(events));
}

/**
 * Projects grouped runs to StateRun rows, with the execution page's own rule (finalize-runs):
 * a run failed when its last attempt failed or timed out, when it is a Fail state, or when it
 * failed outside a task attempt (EvaluationFailed, a Parallel/Map failed inside its branches, a
 * failure reported only on ExecutionFailed); it was caught when it still exited. The error is the
 * page's error for a failed run; for a run that succeeded after retries it is the error its last
 * failed attempt retried on (the over-time charts count retries by error).
 */
export function stateRunRows(grouped: PreparedRuns): DerivedStateRun[] {
  return grouped.runs.map((run) => {
    const failed = run.status === "failed" || run.status === "caught";
    const retriedOn = failed ? undefined : run.attempts.findLast((a) => a.error !== null);
    return {
      stateName: run.stateName,
      stateType: run.stateType,
      enteredEventId: run.enteredEventId,
      exitedEventId: run.exitedEventId,
      startDate: new Date(run.enteredAt ?? NaN),
      stopDate: run.exitedEventId === null ? null : new Date(run.exitedAt ?? NaN),
      attempts: Math.max(1, run.attempts.length),
      failed,
      caught: run.status === "caught",
      error: failed ? run.error : (retriedOn?.error ?? null),
      cause: failed ? run.cause : (retriedOn?.cause ?? null),
    };
  });
}
