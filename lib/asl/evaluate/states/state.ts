import { DefinitionError } from "../../errors";
import { StatesError } from "../../errors";
import { contextObject, isoTime, type StateInfo } from "../context-object";
import type { Environment } from "../environment";
import { dataLimitExceeded, exceedsLimit, NOT_TRUNCATED } from "../payload";
import { locate, StateFailure } from "../state-failure";
import { assignVariables } from "../assign";
import { BranchAborted } from "../abort-scope";
import { markAbortedState } from "../branches";
import type { StateResume } from "../resume";

export type QueryLanguage = "JSONPath" | "JSONata";

/** Where a state goes after it ran: `next` undefined ends the program (End / Succeed). */
export interface Transition {
  output: unknown;
  next: string | undefined;
}

/** What a state body hands back to the template method. */
export interface StateResult {
  output: unknown;
  next: string | undefined;
  /** Variables to assign (already evaluated), shown in the StateExited event. */
  assign?: Record<string, unknown>;
}

/**
 * One state being evaluated: its environment, raw input, entered event and context object.
 * Created by `State.begin` and handed to the state body.
 */
export class StateRun {
  /** A ContextSource (see expressions.ts): expressions get the context object when they read it. */
  readonly isContextSource = true;
  /** The body's result (or its promise) between `begin` and `complete`. */
  pending: StateResult | Promise<StateResult> | undefined;
  private infoCache: StateInfo | undefined;
  private contextCache: Record<string, unknown> | undefined;
  private readonly enteredMs: number;
  /** Set when the state resumes inside a recorded history (see resume.ts) instead of starting. */
  resume: StateResume | undefined;
  constructor(
    readonly state: State,
    readonly env: Environment,
    readonly input: unknown,
    readonly enteredEventId: number,
    /** The thread's source event before the state was entered (EvaluationFailed links to it). */
    readonly sourceBefore: number,
    private readonly retryCount: number | undefined,
    enteredMs?: number,
  ) {
    this.enteredMs = enteredMs ?? env.now();
  }

  /** `$$.State` (built on first use: most states never read the context object). */
  get info(): StateInfo {
    if (!this.infoCache) {
      this.infoCache = { Name: this.state.name, EnteredTime: isoTime(this.enteredMs) };
      if (this.retryCount !== undefined) this.infoCache.RetryCount = this.retryCount;
    }
    return this.infoCache;
  }

  /** `$$.State.RetryCount` (0 for the first attempt) without building `info` when nothing read it. */
  get retries(): number {
    return (this.infoCache ? this.infoCache.RetryCount : this.retryCount) ?? 0;
  }

  /** The context object for this state (`$$`, `$states.context`). */
  context(taskToken?: string): Record<string, unknown> {
    if (taskToken !== undefined) return contextObject(this.env, this.info, taskToken);
    return (this.contextCache ??= contextObject(this.env, this.info));
  }

  /** Gives an error AWS's cause prefix and reports a JSONata evaluation failure (once). */
  fail(thrown: unknown, linkToEntered = false): StatesError {
    const error = locate(thrown, this.state.name, this.enteredEventId);
    if (error instanceof StateFailure && error.error === "States.QueryEvaluationError" && !error.reported) {
      error.reported = true;
      const details: Record<string, unknown> = { cause: error.cause, error: error.error };
      if (error.location) details.location = error.location;
      details.state = this.state.name;
      this.env.events.addLinked(
        this.env.ctx,
        linkToEntered ? this.enteredEventId : this.sourceBefore,
        "EvaluationFailed",
        "evaluationFailedEventDetails",
        details,
      );
    }
    return error;
  }
}

/**
 * The template every state type follows: StateEntered -> body (input processing, the state's
 * own work, output processing, Retry/Catch) -> StateExited, with AWS's events at each step.
 */
export abstract class State {
  readonly type: string;
  private readonly enteredType: string;
  private readonly exitedType: string;
  readonly ql: QueryLanguage;
  readonly next: string | undefined;
  readonly end: boolean;
  /** States that have a RetryCount in their context object (Task, Parallel, Map). */
  protected readonly countsRetries: boolean = false;
  /** The `*StateAborted` event this state emits when its branch is aborted, if AWS has one. */
  protected readonly abortedEvent: string | undefined = undefined;

  constructor(
    readonly name: string,
    readonly raw: Record<string, unknown>,
    parentQL: QueryLanguage,
  ) {
    this.type = raw.Type as string;
    this.enteredType = `${this.type}StateEntered`;
    this.exitedType = `${this.type}StateExited`;
    const ql = raw.QueryLanguage ?? parentQL;
    if (ql !== "JSONPath" && ql !== "JSONata") {
      throw new DefinitionError(`unknown QueryLanguage ${JSON.stringify(ql)}`, `States.${name}.QueryLanguage`);
    }
    this.ql = ql;
    this.next = typeof raw.Next === "string" ? raw.Next : undefined;
    this.end = raw.End === true;
  }

  /** Names of the states this one can transition to (for definition checks). */
  targets(): string[] {
    return this.next ? [this.next] : [];
  }

  /**
   * StateEntered and the state's body: the body's result (or its promise) is left in
   * `run.pending` for `complete`; a synchronous failure is thrown as the state's failure.
   * Program.run drives a state: `begin`, settle `pending` (or `failed` on a rejection), then
   * `complete`.
   */
  begin(env: Environment, input: unknown): StateRun {
    env.checkAlive();
    const sourceBefore = env.ctx.source;
    const enteredId = env.emit(this.enteredType, "stateEnteredEventDetails", {
      input: env.json(input),
      inputDetails: NOT_TRUNCATED,
      name: this.name,
    });
    const run = new StateRun(this, env, input, enteredId, sourceBefore, this.countsRetries ? 0 : undefined);
    try {
      run.pending = this.execute(run);
    } catch (thrown) {
      throw this.failed(run, thrown);
    }
    return run;
  }

  /**
   * `begin` for a state resuming inside a recorded history: entered now as the checkpoint
   * (`enter`), re-run with its recorded events kept out of the history (`rerun`), or continued
   * without a new entry, at its next attempt (`attempt`) or inside a Map/Parallel (`inside`).
   */
  resume(env: Environment, input: unknown, resume: StateResume): StateRun {
    if (resume.how === "enter" || resume.how === "rerun") {
      env.ctx.source = resume.enteredLink;
      if (resume.how === "rerun") env.ctx.replaying = [...(resume.events ?? [])];
      return this.begin(env, input);
    }
    env.checkAlive();
    env.ctx.source = resume.source ?? resume.enteredEventId ?? resume.enteredLink;
    const entered = resume.enteredEventId ?? 0;
    const run = new StateRun(this, env, input, entered, resume.enteredLink, this.countsRetries ? 0 : undefined, resume.enteredAt.getTime());
    run.resume = resume;
    try {
      run.pending = this.execute(run);
    } catch (thrown) {
      throw this.failed(run, thrown);
    }
    return run;
  }

  /** What a failure of the body becomes (AWS's cause prefix, aborted-state bookkeeping). */
  failed(run: StateRun, thrown: unknown): unknown {
    if (thrown instanceof BranchAborted) {
      if (this.abortedEvent) markAbortedState(thrown, this.abortedEvent);
      return thrown;
    }
    if (!(thrown instanceof StatesError)) return thrown;
    return run.fail(thrown);
  }

  /** The settled body result: output limit check, Assign, StateExited. */
  complete(run: StateRun, result: StateResult): Transition {
    const env = run.env;
    const outputJson = env.json(result.output, true);
    if (exceedsLimit(outputJson)) throw run.fail(dataLimitExceeded(this.name));
    this.exit(env, result, outputJson);
    return result;
  }

  /** Assigns variables and emits StateExited. */
  protected exit(env: Environment, result: StateResult, outputJson: string): void {
    if (!result.assign) {
      env.emit(this.exitedType, "stateExitedEventDetails", { name: this.name, output: outputJson, outputDetails: NOT_TRUNCATED });
      return;
    }
    const details: Record<string, unknown> = {};
    const shown = assignVariables(env.variables, result.assign);
    if (shown) {
      details.assignedVariables = shown;
      details.assignedVariablesDetails = NOT_TRUNCATED;
    }
    details.name = this.name;
    details.output = outputJson;
    details.outputDetails = NOT_TRUNCATED;
    env.emit(this.exitedType, "stateExitedEventDetails", details);
  }

  /** The state's own work; throws a StatesError when the state fails. */
  protected abstract execute(run: StateRun): StateResult | Promise<StateResult>;
}
