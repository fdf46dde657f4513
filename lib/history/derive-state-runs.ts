import { detailsOf, type HistoryEvent } from "../asl/history/types";

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

const ATTEMPT_TYPES = new Set(["TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled"]);
const FAILURE_TYPES = /(Failed|TimedOut|ScheduleFailed|StartFailed|SubmitFailed)$/;

/**
 * Groups a history into one run per state entry by following previousEventId links: an event
 * belongs to the run of the event it points to, so Parallel branches and Map iterations keep
 * their own runs. Used for the over-time aggregates and the state list.
 */
export function deriveStateRuns(events: readonly HistoryEvent[]): DerivedStateRun[] {
  const runs: DerivedStateRun[] = [];
  const runOfEvent = new Map<number, DerivedStateRun>();
  for (const event of events) {
    const details = detailsOf(event) as Record<string, unknown> | undefined;
    if (event.type.endsWith("StateEntered")) {
      const run: DerivedStateRun = {
        stateName: String(details?.name ?? ""),
        stateType: event.type.slice(0, -"StateEntered".length),
        enteredEventId: event.id,
        exitedEventId: null,
        startDate: event.timestamp,
        stopDate: null,
        attempts: 0,
        failed: false,
        caught: false,
        error: null,
        cause: null,
      };
      runs.push(run);
      runOfEvent.set(event.id, run);
      continue;
    }
    let run = runOfEvent.get(event.previousEventId);
    if (event.type.endsWith("StateExited") && (!run || run.stateName !== details?.name || run.exitedEventId !== null)) {
      // Parallel/Map exits link to the last branch event: take the latest open run of that name.
      run = findLast(runs, (r) => r.exitedEventId === null && r.stateName === details?.name);
    }
    if (!run || run.exitedEventId !== null) continue;
    runOfEvent.set(event.id, run);
    if (ATTEMPT_TYPES.has(event.type)) {
      run.attempts += 1;
      run.failed = false;
    } else if (FAILURE_TYPES.test(event.type) && !event.type.startsWith("Execution") && !event.type.startsWith("MapIteration")) {
      run.failed = true;
      run.error = typeof details?.error === "string" ? details.error : run.error;
      run.cause = typeof details?.cause === "string" ? details.cause : run.cause;
    } else if (event.type.endsWith("StateExited") && String(details?.name ?? "") === run.stateName) {
      run.exitedEventId = event.id;
      run.stopDate = event.timestamp;
      run.caught = run.failed;
    }
  }
  for (const run of runs) run.attempts = Math.max(1, run.attempts);
  return runs;
}

function findLast<T>(items: T[], predicate: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i])) return items[i];
  return undefined;
}
