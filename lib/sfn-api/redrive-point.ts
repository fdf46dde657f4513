import { closesExecution, isContainerStart } from "../asl/history/event-roles";
import type { HistoryEvent, IterationResume, StartFrom, StateResume } from "../asl";
import { HistoryWalk, type ThreadRecord } from "../replay/checkpoints-walk";
import { definitionScopes } from "../replay/definition-scopes";
import type { ReplayEvent, Thread } from "../replay/history-threads";

/**
 * Where a redriven execution goes on (lib/asl `startFrom.resume`), from its history up to its
 * close: the top-level state that did not finish is run again with the input and variables it
 * was entered with, as a new entry linked to the ExecutionRedriven event. An inline Map or a
 * Parallel resumes inside itself instead: iterations and branches that succeeded keep their
 * recorded outputs and are not run again; the failed or aborted ones (and those never started)
 * run from their start. What already succeeded before that state stays in the history as is.
 *
 * `redrivenId` is the id of the ExecutionRedriven event; new events are numbered after it.
 */
export function redrivePoint(events: readonly HistoryEvent[], definition: string, redrivenId: number, at: Date): StartFrom {
  const scopes = definitionScopes(definition);
  const walk = new HistoryWalk(scopes);
  for (const event of events) if (!closesExecution(event.type)) walk.add(event as unknown as ReplayEvent);
  const root = walk.tracker.root;
  const record = walk.records.get(root);
  const entry = record?.entry;
  if (!record || !entry) {
    // it closed before entering any state: run the whole definition again
    const started = events.find((e) => e.type === "ExecutionStarted");
    const input = parseJson(
      (started as { executionStartedEventDetails?: { input?: string } } | undefined)?.executionStartedEventDetails?.input,
    );
    return { stateName: startAtOf(definition), input, resume: { eventId: redrivenId + 1, state: enter(redrivenId, at) } };
  }
  const base = { stateName: entry.name, input: entry.input, variables: entry.variables };
  const type = scopes.states.get(entry.name)?.type;
  if (!entry.exit && (type === "Map" || type === "Parallel")) {
    const inside = resumeInside(walk, root, record, type, redrivenId, at);
    if (inside) return { ...base, resume: { eventId: redrivenId + 1, state: inside } };
  }
  return { ...base, resume: { eventId: redrivenId + 1, state: enter(redrivenId, at) } };
}

const enter = (redrivenId: number, at: Date): StateResume => ({ how: "enter", enteredAt: at, enteredLink: redrivenId });

/** A Map or Parallel the execution closed in: finished iterations/branches keep their outputs. */
function resumeInside(
  walk: HistoryWalk,
  thread: Thread,
  record: ThreadRecord,
  type: "Map" | "Parallel",
  redrivenId: number,
  at: Date,
): StateResume | undefined {
  const entry = record.entry!;
  const starts = record.events.filter((e) => e.id > entry.eventId && isContainerStart(e.type));
  // not started (failed in its input processing or item reader), or retried: run it again whole
  if (starts.length !== 1) return undefined;
  const state: StateResume = {
    how: "inside",
    enteredAt: new Date(entry.at ?? at.getTime()),
    enteredLink: entry.link,
    enteredEventId: entry.eventId,
    source: redrivenId,
    at,
  };
  const prefix = `${entry.name}@${entry.visit}`;
  const children = [...thread.children].filter(([segment]) => segment.startsWith(prefix) && /^[[/]/.test(segment.slice(prefix.length)));
  if (type === "Map") {
    const iterations: IterationResume[] = [];
    for (const [, child] of children) {
      const own = walk.records.get(child);
      if (child.index !== undefined && own?.done) iterations.push({ index: child.index, done: { output: lastOutput(own) } });
    }
    state.iterations = iterations.sort((a, b) => a.index - b.index);
  } else {
    const branches: StateResume["branches"] = [];
    for (const [, child] of children) {
      const own = walk.records.get(child);
      // a branch whose last state exited finished; one that failed or was aborted runs again
      if (own?.entry?.exit) branches[child.container?.branch ?? 0] = { done: { output: lastOutput(own) } };
    }
    state.branches = branches;
  }
  return state;
}

function lastOutput(record: ThreadRecord): unknown {
  return record.entry?.exit ? record.entry.exit.output : null;
}

function startAtOf(definition: string): string {
  return String((JSON.parse(definition) as { StartAt?: unknown }).StartAt ?? "");
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
