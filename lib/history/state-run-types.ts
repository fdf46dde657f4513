/**
 * The state runs of one history, as groupStateRuns builds them: the StateRun table rows
 * (derive-state-runs), the graph, the timeline, the inspector and replay's diff all read this one
 * model. It is derived from AWS history events (lib/asl/history/types: HistoryEvent, or its JSON).
 */

export type RunStatus = "succeeded" | "failed" | "caught" | "in-progress" | "aborted";

export interface Attempt {
  /** 0-based */
  index: number;
  /** event that opened the attempt (TaskScheduled, LambdaFunctionScheduled, ActivityScheduled,
   * ParallelStateStarted, MapStateStarted) */
  startEventId: number;
  /** ms since epoch; null when the history has no usable timestamps */
  startedAt: number | null;
  /** TaskStarted etc.: when the worker picked it up */
  runningAt: number | null;
  endedAt: number | null;
  outcome: "succeeded" | "failed" | "timed-out" | "aborted" | "in-progress";
  error: string | null;
  cause: string | null;
  /** the attempt's result payload (TaskSucceeded output), JSON text */
  output: string | null;
}

export interface StateRun {
  /** "r<entered event id>" */
  key: string;
  /**
   * `<thread>|<state>#<visit>`: the same run in two executions of one state machine (what replay's
   * diff aligns by). The thread is the frame's `thread`; the visit counts entries of the state in
   * that thread (loops, and the attempts of a retried Parallel/Map, which share their threads).
   */
  threadKey: string;
  stateName: string;
  /** definition path, e.g. "Fan[1]/Charge" or "Items/Process" (see definition-index) */
  statePath: string;
  /** Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map */
  stateType: string;
  /** frame (lane) the run lives in */
  frameKey: string;
  enteredEventId: number;
  exitedEventId: number | null;
  enteredAt: number | null;
  exitedAt: number | null;
  /** when the run stopped without an exit event (failure, abort), its last event time */
  endedAt: number | null;
  status: RunStatus;
  input: string | null;
  output: string | null;
  error: string | null;
  cause: string | null;
  attempts: Attempt[];
  resource: string | null;
  resourceType: string | null;
  /** task parameters / Lambda input as sent, JSON text */
  parameters: string | null;
  /** Assign results recorded on the exit event: variable name -> JSON text */
  assignedVariables: Record<string, string> | null;
  /** run that was exited right before this one in the same frame */
  previousRunKey: string | null;
  eventIds: number[];
}

export interface Frame {
  /** "root", "<run key>#a<attempt>/b<branch>" or "<run key>#a<attempt>/i<iteration>" */
  key: string;
  kind: "root" | "branch" | "iteration";
  parentFrameKey: string | null;
  /** Parallel or Map run that owns the frame */
  containerRunKey: string | null;
  /** branch or iteration index */
  index: number;
  /** attempt of the container run (Parallel and Map states can be retried) */
  attempt: number;
  label: string;
  /**
   * "" at the top level, then per level `/<Map>@<visit>[<iteration index>]` or
   * `/<Parallel>@<visit>/b<branch>` (visit: which entry of the Map/Parallel in the outer thread).
   * The attempts of a retried Map/Parallel have frames of their own but share these threads.
   */
  thread: string;
  /** definition scope key of the states inside ("" at the top level) */
  scopeKey: string;
  startedAt: number | null;
  endedAt: number | null;
  status: RunStatus;
  runKeys: string[];
}

export interface ExecutionSummary {
  status: "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";
  startedAt: number | null;
  endedAt: number | null;
  input: string | null;
  output: string | null;
  error: string | null;
  cause: string | null;
  redriven: number;
}

export interface PreparedRuns {
  runs: StateRun[];
  runByKey: Map<string, StateRun>;
  frames: Frame[];
  frameByKey: Map<string, Frame>;
  /** event id -> key of the run it belongs to (execution-level events are absent) */
  runKeyOfEvent: Map<number, string>;
  execution: ExecutionSummary;
  /** earliest and latest event times (ms since epoch); null when no event has a usable one */
  eventTimes: { first: number; last: number } | null;
}
