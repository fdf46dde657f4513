import type { EvaluationGuard, TaskInvoker, WaitClock, WallClock } from "../asl";
import type { IngestedExecution } from "../ingest/types";
import type { DurableState } from "./durable-state";
import type { SfnStore } from "./sfn-types";

/** What every operation of the local service shares. */
export interface ServiceContext {
  store: SfnStore;
  region: string;
  accountId: string;
  /** Start time of new executions; they then run on their own virtual clock. */
  now(): Date;
  invoker: TaskInvoker;
  /** A fresh bound on the JSONata evaluations of one execution or TestState call (time, heap growth). */
  evaluationGuard?: () => EvaluationGuard;
  /** Real milliseconds StartExecution / SendTask* wait for an execution to close or to wait on a callback. */
  settleMs: number;
  /** Closed executions kept; the oldest closed ones are dropped beyond this. */
  maxExecutions: number;
  onExecutionFinished?: (execution: IngestedExecution) => void | Promise<void>;
  /** A RUNNING execution's history so far, each time it starts waiting for a callback (the dashboard shows what it waits on). */
  onExecutionWaiting?: (execution: IngestedExecution) => void | Promise<void>;
  /** Real time for waits on the outside world (callbacks, activities); absent: all virtual. */
  wallClock?: WallClock;
  /** Wait states and retry backoff: fast-forwarded or in real time (with a wall clock). */
  waitClock?: WaitClock;
  /** How long GetActivityTask holds a poll open when no task comes (AWS: 60 s). */
  activityPollMs: number;
  /** Failures of onExecutionFinished land here (they never reach the API caller). */
  onError(error: unknown): void;
  /** Keeps the state in a journal that survives restarts (absent: in memory only). */
  durable?: DurableState;
  /** Executions still running (Standard and Express), for `idle()`. */
  inFlight: Set<Promise<void>>;
}

export function arnPrefix(ctx: ServiceContext): string {
  return `arn:aws:states:${ctx.region}:${ctx.accountId}`;
}
