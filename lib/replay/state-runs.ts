import { isTaskFailure, taskEventType } from "../asl/history/event-roles";
import { definitionScopes } from "./definition-scopes";
import { eventDetails, ThreadTracker, timeOf, type ReplayEvent, type Thread } from "./history-threads";
import { causeText, payloadValue } from "./payload";

/** One entry into a state, with how it ended, keyed so the same run of two executions lines up (what a diff compares). */
export interface ComparedRun {
  /** `<thread>|<state>#<visit>`: the same run in two executions of one state machine. */
  key: string;
  stateName: string;
  enteredId: number;
  enteredAt: number | undefined;
  /** The last event of the run (its exit, or its last task event when it never exited). */
  endedAt: number | undefined;
  exited: boolean;
  output?: unknown;
  /** The last task error in the run (caught or not). */
  error?: string;
  cause?: string;
  attempts: number;
}

/**
 * The state runs of a history in entry order, keyed so two executions of the same machine line
 * up run by run (Map iterations by index, Parallel branches by number, loops by visit).
 */
export function stateRuns(events: readonly ReplayEvent[], definition?: string | object | null): ComparedRun[] {
  const tracker = new ThreadTracker(definitionScopes(definition ?? {}));
  const runs: ComparedRun[] = [];
  const runOf = new Map<Thread, ComparedRun>();
  let entries = 0;
  for (const event of events) {
    tracker.add(event);
    const type = event.type;
    const at = timeOf(event);
    if (type.endsWith("StateEntered")) {
      const entry = tracker.entries[entries++];
      const run: ComparedRun = {
        key: `${entry.thread.key}|${entry.stateName}#${entry.visit}`,
        stateName: entry.stateName,
        enteredId: event.id,
        enteredAt: at,
        endedAt: at,
        exited: false,
        attempts: 0,
      };
      runs.push(run);
      runOf.set(entry.thread, run);
      continue;
    }
    const thread = tracker.threadOf(event.previousEventId);
    if (type.endsWith("StateExited")) {
      const name = eventDetails(event)?.name;
      // A Map/Parallel exit follows the last event of one of its branches or iterations.
      let t = thread;
      while (t && runOf.get(t)?.stateName !== name) t = t.parent;
      const run = t ? runOf.get(t) : undefined;
      if (!run) continue;
      run.exited = true;
      run.endedAt = at;
      run.output = payloadValue(eventDetails(event)?.output);
      continue;
    }
    const task = taskEventType(type);
    const run = thread && task ? runOf.get(thread) : undefined;
    if (!run) continue;
    if (task?.phase === "Scheduled") run.attempts++;
    if (isTaskFailure(type)) {
      const details = eventDetails(event);
      run.error = typeof details?.error === "string" ? details.error : "";
      run.cause = causeText(details?.cause);
    }
    if (at !== undefined && (run.endedAt === undefined || at > run.endedAt)) run.endedAt = at;
  }
  return runs;
}
