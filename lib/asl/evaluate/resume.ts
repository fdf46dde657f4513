/**
 * Resuming an execution inside a recorded history (replay from a checkpoint): the whole state of
 * the execution at one event, as lib/replay reconstructs it from the history. Nothing here reads a
 * history; the caller describes each thread (the top level, Map iterations, Parallel branches) and
 * the engine continues from there, numbering new events from the checkpoint's id.
 */

/** How one state of a thread stands at the checkpoint. */
export interface StateResume {
  /**
   * - `enter`: the state is entered at `enteredAt` as a new event (the checkpoint itself);
   * - `attempt`: it was entered before; its next attempt (a Task's retry) starts at `at`, as the
   *   checkpoint, with the retriers' counters as `failedAttempts` left them;
   * - `rerun`: a state another thread was in: it runs again from its entry at `enteredAt`, its
   *   first `events` keeping their recorded ids and staying out of the new history;
   * - `inside`: a Map or Parallel in progress: `iterations` / `branches` tell where each stands.
   */
  how: "enter" | "attempt" | "rerun" | "inside";
  /** When the state was (or, for `enter`, is) entered. */
  enteredAt: Date;
  /** The id the entry links to (its `previousEventId`). */
  enteredLink: number;
  /** `attempt`, `inside`: the recorded entry's id. */
  enteredEventId?: number;
  /** `attempt`, `inside`: the id the thread's next event links to. */
  source?: number;
  /** `attempt`: when the attempt starts; `inside`: the checkpoint's time (threads not yet begun wait for it). */
  at?: Date;
  /** `attempt`, `inside`: the errors of the attempts that already failed, oldest first. */
  failedAttempts?: string[];
  /** `rerun`: the recorded events (ids and types) the re-run emits silently, in order. */
  events?: { id: number; type: string }[];
  /**
   * `rerun` in the checkpoint's own thread: once the re-run reaches this state, it enters it (as
   * the checkpoint) with this input.
   */
  then?: { stateName: string; input: unknown };
  /** `inside` a Map: the iterations that finished or are running (by index; others have not started). */
  iterations?: IterationResume[];
  /** `inside` a Parallel: per branch index, finished or running (absent: not begun). */
  branches?: (BranchResume | undefined)[];
}

/** One thread (a Map iteration, a Parallel branch) at the checkpoint. */
export interface ThreadResume {
  /** The state the thread is in; absent: the thread has not entered a state yet. */
  stateName?: string;
  /** That state's input. */
  input?: unknown;
  /** What the thread itself assigned before that state (outer scopes come from its containers). */
  variables?: Record<string, unknown>;
  state?: StateResume;
  /** A Map iteration whose MapIterationStarted is recorded but which entered no state yet. */
  iterationStarted?: { id: number; at: Date };
}

export interface IterationResume {
  index: number;
  /** Finished: its recorded output. */
  done?: { output: unknown };
  running?: ThreadResume;
}

export interface BranchResume {
  done?: { output: unknown };
  running?: ThreadResume;
}

/** The top-level part of a resume: the checkpoint's id and how the top-level state stands. */
export interface ResumePoint {
  /** The checkpoint event's id: the first new event gets it. */
  eventId: number;
  state: StateResume;
}

/** The earliest instant any thread of the resume acts at: where the virtual clock starts. */
export function resumeClockStart(state: StateResume): number {
  let min = state.how === "attempt" ? (state.at ?? state.enteredAt).getTime() : state.enteredAt.getTime();
  const thread = (t: ThreadResume | undefined) => {
    if (!t) return;
    if (t.iterationStarted) min = Math.min(min, t.iterationStarted.at.getTime());
    if (t.state) min = Math.min(min, resumeClockStart(t.state));
  };
  if (state.how === "inside") {
    min = state.at?.getTime() ?? min;
    for (const i of state.iterations ?? []) thread(i.running);
    for (const b of state.branches ?? []) thread(b?.running);
  }
  return min;
}

/** The done/running split runConcurrently resumes with (see branches.ts). */
export interface ResumedJobs<T> {
  done: Map<number, T>;
  running: number[];
}

export function resumedIterations(state: StateResume): ResumedJobs<unknown> {
  const done = new Map<number, unknown>();
  const running: number[] = [];
  for (const i of state.iterations ?? []) {
    if (i.done) done.set(i.index, i.done.output);
    else if (i.running) running.push(i.index);
  }
  return { done, running };
}

export function resumedBranches(state: StateResume): ResumedJobs<unknown> {
  const done = new Map<number, unknown>();
  const running: number[] = [];
  (state.branches ?? []).forEach((b, index) => {
    if (b?.done) done.set(index, b.done.output);
    else if (b?.running) running.push(index);
  });
  return { done, running };
}

/** Waits (virtual time) until `at`; nothing to wait for when it is now or past (no turn taken). */
export function untilResumed(env: { now(): number; sleep(ms: number): Promise<void> }, at: Date | undefined): Promise<void> | undefined {
  if (!at) return undefined;
  const ms = at.getTime() - env.now();
  return ms > 0 ? env.sleep(ms) : undefined;
}
