import { detailsOf, type HistoryEvent } from "../asl/history/types";
import { groupStateRuns } from "./group-state-runs";
import type { PreparedRuns, RunEvent } from "./state-run-types";

/** One StateRun table row: what the over-time aggregates and the state list count. */
export interface DerivedStateRun {
  stateName: string;
  /** Task, Pass, Choice, Wait, Map, Parallel, Succeed, Fail */
  stateType: string;
  enteredEventId: number;
  exitedEventId: number | null;
  startDate: Date;
  stopDate: Date | null;
  /** task attempts (1 = ran once); 1 for states that are not tasks */
  attempts: number;
  /** the state's last attempt failed */
  failed: boolean;
  /** it failed and a Catch recovered it (the state still exited) */
  caught: boolean;
  error: string | null;
  cause: string | null;
}

/** Tallies of the events on a run's own previousEventId thread (see stateRunRows). */
interface Tally {
  scheduled: number;
  failed: boolean;
  caught: boolean;
  error: string | null;
  cause: string | null;
  exited: boolean;
}

const ATTEMPT_TYPES = new Set(["TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled"]);
const FAILURE_TYPES = /(Failed|TimedOut|ScheduleFailed|StartFailed|SubmitFailed)$/;

/** The StateRun rows of an ingested history: groupStateRuns, projected by stateRunRows. */
export function deriveStateRuns(events: readonly HistoryEvent[]): DerivedStateRun[] {
  const input: RunEvent[] = events.map((e) => ({ id: e.id, previousEventId: e.previousEventId, type: e.type, timestamp: e.timestamp, details: detailsOf(e) ?? null }));
  return stateRunRows(input, groupStateRuns(input));
}

/**
 * Projects grouped runs to StateRun rows. Which runs exist, when each was entered and which exit
 * closed it come from the grouping. The counters come from the events on the run's own
 * previousEventId thread (from its entry to its exit): task attempts are its *Scheduled events;
 * it failed when a failure event (task failure, EvaluationFailed, or a Parallel/Map failure that
 * follows it) came after its last attempt was scheduled; it was caught when it exited after that.
 * Unlike the dashboard's run status, a Fail state, a failure the execution reports on its own
 * event, or a Parallel/Map failed inside its branches is not counted here (the over-time charts
 * have always counted this way).
 */
export function stateRunRows(events: readonly RunEvent[], grouped: PreparedRuns): DerivedStateRun[] {
  const tallies = new Map<string, Tally>();
  const threadOf = new Map<number, Tally>();
  for (const event of sortedById(events)) {
    let tally: Tally | undefined;
    if (event.type.endsWith("StateEntered")) {
      tally = { scheduled: 0, failed: false, caught: false, error: null, cause: null, exited: false };
      tallies.set(`r${event.id}`, tally);
    } else if (event.type.endsWith("StateExited")) {
      const key = grouped.runKeyOfEvent.get(event.id);
      tally = key === undefined ? undefined : tallies.get(key);
    } else {
      tally = threadOf.get(event.previousEventId);
    }
    if (!tally || tally.exited) continue;
    threadOf.set(event.id, tally);
    if (event.type.endsWith("StateEntered")) continue;
    const details = event.details;
    if (ATTEMPT_TYPES.has(event.type)) {
      tally.scheduled += 1;
      tally.failed = false;
    } else if (FAILURE_TYPES.test(event.type) && !event.type.startsWith("Execution") && !event.type.startsWith("MapIteration")) {
      tally.failed = true;
      if (typeof details?.error === "string") tally.error = details.error;
      if (typeof details?.cause === "string") tally.cause = details.cause;
    } else if (event.type.endsWith("StateExited")) {
      tally.exited = true;
      tally.caught = tally.failed;
    }
  }
  return grouped.runs.map((run) => {
    const tally = tallies.get(run.key)!;
    return {
      stateName: run.stateName,
      stateType: run.stateType,
      enteredEventId: run.enteredEventId,
      exitedEventId: run.exitedEventId,
      startDate: new Date(run.enteredAt ?? NaN),
      stopDate: run.exitedEventId === null ? null : new Date(run.exitedAt ?? NaN),
      attempts: Math.max(1, tally.scheduled),
      failed: tally.failed,
      caught: tally.caught,
      error: tally.error,
      cause: tally.cause,
    };
  });
}

function sortedById(events: readonly RunEvent[]): readonly RunEvent[] {
  for (let i = 1; i < events.length; i++) if (events[i].id < events[i - 1].id) return [...events].sort((a, b) => a.id - b.id);
  return events;
}
