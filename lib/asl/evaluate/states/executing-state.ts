import { StatesError } from "../../errors";
import { jsonataAssign, jsonataOutput, jsonPathAssign, placeResult, statesBinding } from "../io-processing";
import { findCatcher, parseCatchers, parseRetriers, RetryTracker, type Catcher, type Retrier } from "../retry-catch";
import { errorOutput, isCatchable, StateFailure } from "../state-failure";
import { markAbortedState } from "../branches";
import { State, type QueryLanguage, type StateResult, type StateRun } from "./state";

/** The attempt's (fresh) result object becomes the state's result. */
function withNext(result: AttemptResult, next: string | undefined): StateResult {
  (result as StateResult).next = next;
  return result as StateResult;
}

/** What one attempt of a Task/Parallel/Map produces. */
export interface AttemptResult {
  output: unknown;
  assign?: Record<string, unknown>;
}

/**
 * Task, Parallel and Map: states that run work and can Retry and Catch. An attempt emits the
 * state-specific events (TaskFailed, MapStateFailed, ...) and throws a StatesError on failure;
 * this class decides between retrying (after the backoff delay on the virtual clock),
 * catching, and failing the state.
 */
export abstract class ExecutingState extends State {
  protected override readonly countsRetries = true;
  /** Emitted once the state's failure is final (not retried): MapStateFailed, ParallelStateFailed. */
  protected readonly failedEvent: string | undefined = undefined;
  readonly retriers: Retrier[];
  readonly catchers: Catcher[];

  constructor(name: string, raw: Record<string, unknown>, parentQL: QueryLanguage) {
    super(name, raw, parentQL);
    this.retriers = parseRetriers(raw.Retry, `States.${name}`);
    this.catchers = parseCatchers(raw.Catch, `States.${name}`);
  }

  override targets(): string[] {
    return [...super.targets(), ...this.catchers.map((c) => c.next)];
  }

  protected abstract attempt(run: StateRun): Promise<AttemptResult>;

  protected execute(run: StateRun): Promise<StateResult> {
    // A resumed state continues with the retry counters its failed attempts left.
    const failed = run.resume?.failedAttempts;
    const restored = failed?.length ? new RetryTracker(this.retriers, run.env.runtime.random).restore(failed) : undefined;
    if (restored) run.info.RetryCount = restored.count;
    // The first attempt without an async frame: most attempts succeed.
    return this.attempt(run).then(
      (result) => withNext(result, this.next),
      (thrown: unknown) => this.recover(run, thrown, restored ?? new RetryTracker(this.retriers, run.env.runtime.random)),
    );
  }

  /** After a failed attempt: retry (after the backoff), catch, or fail the state. */
  private async recover(run: StateRun, thrown: unknown, tracker: RetryTracker): Promise<StateResult> {
    for (;;) {
      if (!(thrown instanceof StatesError)) throw thrown;
      const error = run.fail(thrown);
      if (!isCatchable(error.error)) throw error;
      const heartbeat = error instanceof StateFailure && error.heartbeatTimeout;
      const delayMs = tracker.next(error.error, heartbeat);
      if (delayMs === undefined) {
        if (this.failedEvent) run.env.emit(this.failedEvent);
        const catcher = findCatcher(this.catchers, error.error, heartbeat);
        if (catcher) return this.caught(run, catcher, error);
        if (run.env.depth > 0 && this.abortedEvent) markAbortedState(error, this.abortedEvent);
        throw error;
      }
      run.info.RetryCount = tracker.count;
      // Only the first attempt resumes inside a recorded history; a retry starts the work afresh.
      run.resume = undefined;
      await run.env.sleep(delayMs);
      try {
        const { output, assign } = await this.attempt(run);
        return { output, assign, next: this.next };
      } catch (next) {
        thrown = next;
      }
    }
  }

  /** The state's output and assignments when a Catcher handles `error`. */
  private async caught(run: StateRun, catcher: Catcher, error: StatesError): Promise<StateResult> {
    const errorValue = errorOutput(error);
    if (this.ql === "JSONata") {
      const binding = statesBinding(run, { errorOutput: errorValue });
      const assign = await jsonataAssign(run, binding, catcher.assign);
      const output = await jsonataOutput(run, binding, errorValue, catcher.output);
      return { output, assign, next: catcher.next };
    }
    const assign = jsonPathAssign(run, errorValue, catcher.assign);
    const output = catcher.resultPath === undefined ? errorValue : placeResult(run, errorValue, catcher.resultPath);
    return { output, assign, next: catcher.next };
  }
}
