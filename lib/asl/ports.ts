/**
 * The engine's ports: everything nondeterministic or external (randomness, UUIDs, task calls,
 * distributed Map item sources, time) enters the interpreter through these interfaces, which is
 * what makes a run reproducible and replayable.
 */

/** Randomness and UUIDs (States.UUID, $uuid(), $random(), jitter, task tokens). */
export interface RandomPort {
  /** A number in [0, 1). */
  random(): number;
  uuid(): string;
}

/** A deterministic RandomPort (mulberry32 stream); the same seed gives the same sequence. */
export function seededRandom(seed = 0x5eed5eed): RandomPort {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    random: next,
    uuid: () => uuidFrom(next),
  };
}

const HEX = "0123456789abcdef";

/** A version-4 UUID text built from 32 random hex digits drawn from `random`. */
export function uuidFrom(random: () => number): string {
  let out = "";
  for (let i = 0; i < 32; i++) {
    let digit = Math.floor(random() * 16);
    if (i === 12) digit = 4;
    else if (i === 16) digit = 8 | (digit & 3);
    out += HEX[digit];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += "-";
  }
  return out;
}

/**
 * Bounds each JSONata evaluation of an execution (supplied by the host, e.g. a server running
 * user-supplied definitions). `begin()` is called as an evaluation starts and returns the check
 * the evaluator then calls at every step; the check throws an EvaluationLimitExceeded once the
 * evaluation ran over its limits, which ends the execution (FAILED, States.Runtime). It may return
 * a promise to let the host's event loop turn during a long evaluation: the step waits for it, and
 * virtual time stands still meanwhile (guarded evaluations are tracked as outside work).
 */
export interface EvaluationGuard {
  begin(): () => void | Promise<void>;
}

/** Thrown by an EvaluationGuard's check: `limit` completes "exceeded ..." (e.g. "its 2 s time limit"). */
export class EvaluationLimitExceeded extends Error {
  constructor(readonly limit: string) {
    super(`exceeded ${limit}`);
    this.name = "EvaluationLimitExceeded";
  }
}

export type TaskKind = "lambda" | "service" | "activity";
export type IntegrationPattern = "request-response" | "sync" | "wait-for-task-token";

/** One call of a Task state (one attempt: retries call again with `attempt` + 1). */
export interface TaskRequest {
  stateName: string;
  /** The state's Resource field as written (after any JSONata/JSONPath resolution). */
  resource: string;
  kind: TaskKind;
  pattern: IntegrationPattern;
  /** The effective parameters: Parameters/Arguments, or the effective input when absent. */
  parameters: unknown;
  taskToken?: string;
  /** 0 for the first attempt. */
  attempt: number;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  /** The virtual time of the call. */
  now: Date;
  /** The id of the call's *Scheduled event (a state re-run on resume keeps its recorded ids). */
  scheduledEventId?: number;
}

export type TaskOutcome =
  | { output: unknown; durationMs?: number }
  | { error: string; cause?: string; durationMs?: number }
  /** waitForTaskToken / activities: completion arrives later through the execution handle. */
  | { pending: true; durationMs?: number };

export interface TaskInvoker {
  invoke(request: TaskRequest): Promise<TaskOutcome> | TaskOutcome;
  /**
   * Optional: asked before TaskScheduled. A rejection fails the state there, as AWS does when it
   * refuses a request before scheduling it (e.g. an activity that does not exist).
   */
  reject?(request: TaskRequest): TaskRejection | undefined;
  /** Optional: answers a whole distributed Map Run (see MapRunInvoker). */
  runMap?: MapRunInvoker["runMap"];
  /**
   * Optional: the engine no longer waits for a call whose `invoke` promise is still pending (an
   * activity no worker took before its TimeoutSeconds, a stopped execution). The invoker should
   * withdraw the work and settle the promise, which the engine then ignores.
   */
  abandon?(request: TaskRequest): void;
}

/** A call refused before scheduling; a `States.Runtime` cause gets the engine's state prefix. */
export interface TaskRejection {
  error: string;
  cause?: string;
}

/** One distributed Map Run (one attempt of the Map state). */
export interface MapRunRequest {
  stateName: string;
  /** The state's input as it entered (before InputPath). */
  stateInput: unknown;
  /** The ARN the engine would give the run. */
  mapRunArn: string;
  /** 0 for the first attempt of the Map state. */
  attempt: number;
  now: Date;
}

/**
 * A distributed Map Run answered as one unit (a recorded run whose child executions are not at
 * hand): the run's result, which the state's ResultSelector/ResultPath/OutputPath (or Output)
 * and Assign then process; or the state's output and assignments as they were recorded; or the
 * run's failure. `mapRunArn` replaces the engine's ARN in MapRunStarted.
 */
export type MapRunOutcome = { mapRunArn?: string; durationMs?: number } & (
  { result: unknown } | { stateOutput: unknown; assignedVariables?: Record<string, unknown> } | { error: string; cause?: string }
);

export interface MapRunInvoker {
  /** The run's outcome, or undefined: the engine runs the child executions itself. */
  runMap(request: MapRunRequest): Promise<MapRunOutcome | undefined> | MapRunOutcome | undefined;
}

/** Distributed Map's ItemReader source (S3 objects, CSV/JSON files, S3 listings, ...). */
export interface ItemReaderRequest {
  stateName: string;
  /** e.g. `arn:aws:states:::s3:getObject` or `arn:aws:states:::s3:listObjectsV2`. */
  resource: string;
  /** The reader's Parameters/Arguments after evaluation (Bucket, Key, Prefix, ...). */
  parameters: unknown;
  /** ReaderConfig (InputType, CSVHeaderLocation, CSVHeaders, CSVDelimiter, MaxItems ...). */
  readerConfig: Record<string, unknown>;
}

export interface ItemReaderPort {
  /** Returns the items (already decoded: CSV rows as objects, JSON arrays as values). */
  read(request: ItemReaderRequest): Promise<unknown[]> | unknown[];
  /** Optional: receives a distributed Map's results when the state has a ResultWriter. */
  write?(request: ResultWriterRequest): Promise<void> | void;
}

export interface ResultWriterRequest {
  stateName: string;
  resource: string;
  /** The writer's Parameters/Arguments after evaluation (Bucket, Prefix). */
  parameters: unknown;
  results: unknown[];
  mapRunArn: string;
}

/**
 * Real time, supplied by the host (the engine never reads the system clock or sets timers
 * itself). With one, waits for the outside world run in real time; see ExecutionSettings.wallClock.
 */
export interface WallClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fire` once `ms` real milliseconds have passed; the returned function cancels it. */
  setTimer(ms: number, fire: () => void): () => void;
}

/** The virtual clock as the outside sees it. */
export interface Clock {
  /** Milliseconds since the epoch, virtual. */
  now(): number;
}
