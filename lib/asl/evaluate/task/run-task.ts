import { StatesError } from "../../errors";
import type { TaskOutcome, TaskRequest } from "../../ports";
import type { Environment } from "../environment";
import { toJson } from "../payload";
import type { TokenOutcome } from "../token-registry";
import type { TaskEvents } from "./task-events";

export interface TaskTimeouts {
  /** TimeoutSeconds as the definition gave it (shown in the Scheduled event). */
  explicitTimeout?: number;
  /** The effective timeout (AWS's default when none was given). */
  timeoutSeconds: number;
  heartbeatSeconds?: number;
}

export type TaskResult =
  | { output: unknown }
  /** `heartbeat`: a missed heartbeat (States.Timeout in the history; Retry/Catch on States.HeartbeatTimeout match it too). */
  | { error: string | undefined; cause: string | undefined; timedOut?: boolean; heartbeat?: boolean };

const TIMEOUT = "States.Timeout";

/**
 * Calls the TaskInvoker and plays out the task on the virtual clock: Started, Submitted (for
 * `.sync` / `.waitForTaskToken`), then waits for the outcome's duration, a task token (pending
 * outcomes), the timeout or the heartbeat. Emits Started/Submitted/Failed/TimedOut; the caller
 * emits Succeeded once it accepted the output.
 */
export async function runTask(env: Environment, events: TaskEvents, request: TaskRequest, timeouts: TaskTimeouts): Promise<TaskResult> {
  const invoker = env.runtime.invoker;
  // Let concurrent branches schedule their tasks before any of them starts (AWS's ordering).
  await undefined;
  env.checkAlive();
  if (!invoker) {
    const cause = `No TaskInvoker was given to the engine, so the resource '${request.resource}' cannot run.`;
    events.failed("States.TaskFailed", cause);
    return { error: "States.TaskFailed", cause };
  }
  const token = request.taskToken;
  if (token !== undefined) env.runtime.tokens.issue(token);
  const scheduler = env.runtime.scheduler;
  // TimeoutSeconds counts from scheduling (an activity's wait for a worker included).
  const scheduledAt = scheduler.now();
  const timeoutMs = timeouts.timeoutSeconds * 1000;
  let unsettled: Promise<TaskOutcome> | undefined;
  try {
    const activityPending = request.kind === "activity";
    if (!activityPending) events.started();
    let outcome: TaskOutcome;
    try {
      const answer = invoker.invoke(request);
      if (isPromise(answer)) {
        unsettled = answer;
        answer.then(
          () => (unsettled = undefined),
          () => (unsettled = undefined),
        );
      }
      if (!isPromise(answer)) outcome = answer;
      else if (request.pattern === "sync" && token !== undefined) {
        const byToken = await runJobUntilToken(env, token, answer);
        if ("token" in byToken) {
          // The job's token was answered first (AWS: SendTaskSuccess on a `.sync` task's token ends it).
          events.submitted("{}");
          return settle(events, byToken.token);
        }
        outcome = byToken.job;
      } else if (activityPending) {
        // No worker took the activity before its TimeoutSeconds: ActivityTimedOut, never started.
        const taken = await waitForWorker(env, answer, timeoutMs);
        if (taken === undefined) return timedOut(events, TIMEOUT, undefined);
        outcome = taken;
      } else outcome = await env.race(scheduler.track(answer));
    } catch (thrown) {
      env.checkAlive();
      outcome = thrownOutcome(thrown);
    }
    if (activityPending) events.started(workerName(outcome));
    const durationMs = Math.max(0, outcome.durationMs ?? 0);
    if (durationMs > timeoutMs) {
      await env.sleep(timeoutMs);
      return timedOut(events, TIMEOUT, undefined);
    }
    // Even an instant answer lets concurrent tasks start first (one turn, as sleep(0) would).
    if (durationMs > 0) await env.sleep(durationMs);
    else {
      await undefined;
      env.checkAlive();
    }
    const submits = request.pattern !== "request-response";
    if (submits) events.submitted(toJson((outcome as { submitted?: unknown }).submitted ?? {}));
    if ("pending" in outcome) return await waitForToken(env, events, request, timeouts, timeoutMs - (scheduler.now() - scheduledAt));
    return settle(events, outcome);
  } finally {
    if (token !== undefined) env.runtime.tokens.forget(token);
    // the engine stopped waiting for a call still in progress (timed out, aborted): tell the invoker
    if (unsettled !== undefined) invoker.abandon?.(request);
  }
}

/** An activity waits for a worker (the invoker's promise) until its TimeoutSeconds; undefined when none came. */
async function waitForWorker(env: Environment, answer: Promise<TaskOutcome>, timeoutMs: number): Promise<TaskOutcome | undefined> {
  const scheduler = env.runtime.scheduler;
  const deadline = scheduler.timer(timeoutMs, true);
  try {
    return await env.race(Promise.race([scheduler.track(answer), deadline.promise.then(() => undefined)]));
  } finally {
    deadline.cancel();
  }
}

/**
 * A running `.sync` job races its task token: whichever answers first ends the task. Virtual
 * time stands still only until then: a job still running after its token was answered (a child
 * execution that goes on) no longer holds the clock.
 */
async function runJobUntilToken(
  env: Environment,
  token: string,
  job: Promise<TaskOutcome>,
): Promise<{ job: TaskOutcome } | { token: TokenOutcome }> {
  const waiter = env.runtime.tokens.wait(token, () => {});
  try {
    const first = Promise.race([job.then((outcome) => ({ job: outcome })), waiter.promise.then((outcome) => ({ token: outcome }))]);
    return await env.race(env.runtime.scheduler.track(first));
  } finally {
    waiter.cancel();
  }
}

function settle(events: TaskEvents, outcome: TokenOutcome): TaskResult {
  if ("output" in outcome) return { output: outcome.output };
  const error = outcome.error;
  if (error === TIMEOUT || error === "States.HeartbeatTimeout") return timedOut(events, error, outcome.cause);
  events.failed(error, outcome.cause);
  return { error, cause: outcome.cause };
}

function timedOut(events: TaskEvents, error: string, cause: string | undefined, heartbeat = false): TaskResult {
  events.timedOut(error, cause);
  return heartbeat ? { error, cause, timedOut: true, heartbeat } : { error, cause, timedOut: true };
}

/** Waits for SendTaskSuccess/Failure on the task token (if any), racing the timeout and heartbeat. */
async function waitForToken(
  env: Environment,
  events: TaskEvents,
  request: TaskRequest,
  timeouts: TaskTimeouts,
  remainingMs: number,
): Promise<TaskResult> {
  const token = request.taskToken;
  const scheduler = env.runtime.scheduler;
  const deadline = scheduler.timer(Math.max(0, remainingMs), true);
  let heartbeat = timeouts.heartbeatSeconds !== undefined ? scheduler.timer(timeouts.heartbeatSeconds * 1000, true) : undefined;
  let beat!: () => void;
  let beats = new Promise<"heartbeat-reset">((r) => (beat = () => r("heartbeat-reset")));
  // Without a token (a request-response task that never answers) only the timeouts can end it.
  const waiter =
    token !== undefined ? env.runtime.tokens.wait(token, () => beat()) : { promise: new Promise<never>(() => {}), cancel() {} };
  try {
    for (;;) {
      const result = await env.race(
        Promise.race([
          waiter.promise,
          deadline.promise.then(() => "timeout" as const),
          heartbeat ? heartbeat.promise.then(() => "heartbeat" as const) : new Promise<never>(() => {}),
          beats,
        ]),
      );
      // AWS records a missed heartbeat as States.Timeout too (TaskTimedOut / ActivityTimedOut)
      if (result === "timeout" || result === "heartbeat") return timedOut(events, TIMEOUT, undefined, result === "heartbeat");
      if (result === "heartbeat-reset") {
        heartbeat?.cancel();
        if (timeouts.heartbeatSeconds !== undefined) heartbeat = scheduler.timer(timeouts.heartbeatSeconds * 1000, true);
        beats = new Promise((r) => (beat = () => r("heartbeat-reset")));
        continue;
      }
      return settle(events, result);
    }
  } finally {
    waiter.cancel();
    deadline.cancel();
    heartbeat?.cancel();
  }
}

function thrownOutcome(thrown: unknown): TaskOutcome {
  if (thrown instanceof StatesError) return { error: thrown.error, cause: thrown.cause };
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { error: "States.TaskFailed", cause: message };
}

function workerName(outcome: TaskOutcome): string | undefined {
  const name = (outcome as { workerName?: unknown }).workerName;
  return typeof name === "string" ? name : undefined;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown })?.then === "function";
}
