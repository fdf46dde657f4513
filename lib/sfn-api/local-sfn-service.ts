import type { TaskInvoker } from "../asl";
import { evaluationGuard, type GuardLimits } from "../bounded/evaluation-guard";
import { readEvaluationLimits } from "../bounded/limits";
import type { IngestedExecution } from "../ingest/types";
import { createActivity, deleteActivity, describeActivity, getActivityTask, listActivities } from "./activity-ops";
import { defaultTaskInvoker } from "./default-task-invoker";
import {
  describeExecution,
  describeStateMachineForExecution,
  getExecutionHistory,
  listExecutions,
  listMapRuns,
} from "./execution-read-ops";
import { filterLogEvents } from "./log-store";
import type { Body } from "./request-fields";
import type { ServiceContext } from "./service-context";
import { SfnError } from "./sfn-error";
import { createMemoryStore, type SfnStore } from "./sfn-types";
import { startExecution, startSyncExecution, stopExecution } from "./start-ops";
import {
  createStateMachine,
  deleteStateMachine,
  describeStateMachine,
  listStateMachines,
  validateStateMachineDefinition,
} from "./state-machine-ops";
import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from "./task-token-ops";
import { testState } from "./test-state";
import { EXTRA_OPERATIONS } from "./extra-operations";
import { readWaitClock, systemWallClock, type WaitClockMode } from "./wall-clock";
import { DurableState } from "./durable-state";
import type { EngineJournal } from "./engine-records";
import { restoreEngineState, type RestoreReport } from "./restore-state";

export interface LocalSfnServiceOptions {
  /** State machines, executions, task tokens and Express log records (a fresh in-memory store by default). */
  store?: SfnStore;
  /** Answers Task states (default: the example workflows' handlers, callbacks for .waitForTaskToken). */
  taskInvoker?: TaskInvoker;
  /** Start time of new executions (default: the wall clock); executions then run on virtual time. */
  clock?: { now(): number };
  region?: string;
  accountId?: string;
  /** Every execution that closes, in the shape ingestion stores (source "local"). */
  onExecutionFinished?: (execution: IngestedExecution) => void | Promise<void>;
  /**
   * A running execution in the same shape (status RUNNING, the history so far) each time it starts
   * waiting for a task token or an activity worker. Calls for one execution never overlap and the
   * last one is always onExecutionFinished's.
   */
  onExecutionWaiting?: (execution: IngestedExecution) => void | Promise<void>;
  onError?: (error: unknown) => void;
  /** Real ms StartExecution waits for the execution to close or wait on a callback (default 2000). */
  settleMs?: number;
  /**
   * Callbacks, activities and their TimeoutSeconds/HeartbeatSeconds run on the wall clock; Wait
   * states are fast-forwarded ("fast") or waited for ("real"); "virtual" keeps everything on the
   * virtual clock. Default: STATELENS_WAIT_CLOCK, else "fast" (see wall-clock.ts).
   */
  waitClock?: WaitClockMode;
  /** How long GetActivityTask waits for a task before answering {} (default 60000, AWS's). */
  activityPollMs?: number;
  /** Closed executions kept in memory (default 10000). */
  maxExecutions?: number;
  /**
   * Bounds the JSONata evaluations of each execution (default: STATELENS_EVAL_TIME_LIMIT_MS and
   * STATELENS_EVAL_MEMORY_LIMIT_MB; a runaway fails its execution with States.Runtime, see
   * lib/bounded/evaluation-guard.ts). `null`: unbounded.
   */
  evaluationLimits?: GuardLimits | null;
}

/** `signal`: the caller went away (a long poll then ends without taking a task). */
type Operation = (ctx: ServiceContext, body: Body, signal?: AbortSignal) => unknown;

/** AWSStepFunctions.<name> operations the local service answers. */
const SFN_OPERATIONS: Record<string, Operation> = {
  CreateStateMachine: createStateMachine,
  DescribeStateMachine: describeStateMachine,
  ListStateMachines: listStateMachines,
  DeleteStateMachine: deleteStateMachine,
  ValidateStateMachineDefinition: validateStateMachineDefinition,
  StartExecution: startExecution,
  StartSyncExecution: startSyncExecution,
  StopExecution: stopExecution,
  DescribeExecution: describeExecution,
  ListExecutions: listExecutions,
  GetExecutionHistory: getExecutionHistory,
  DescribeStateMachineForExecution: describeStateMachineForExecution,
  ListMapRuns: listMapRuns,
  SendTaskSuccess: sendTaskSuccess,
  SendTaskFailure: sendTaskFailure,
  SendTaskHeartbeat: sendTaskHeartbeat,
  TestState: testState,
  ...EXTRA_OPERATIONS,
  CreateActivity: createActivity,
  DescribeActivity: describeActivity,
  ListActivities: listActivities,
  DeleteActivity: deleteActivity,
  GetActivityTask: getActivityTask,
};

/** Logs_20140328.<name>: what ingestion reads of CloudWatch Logs for Express workflows. */
const LOGS_OPERATIONS: Record<string, Operation> = {
  FilterLogEvents: (ctx, body) => filterLogEvents(ctx.store, body),
};

export interface LocalSfnService {
  readonly context: ServiceContext;
  /** Runs `AWSStepFunctions.<operation>` (or `Logs_20140328.<operation>`) with a parsed request body. */
  call(target: string, body: Body, signal?: AbortSignal): Promise<unknown>;
  /** Resolves once every execution started so far has closed (do not await it while callbacks are pending). */
  closed(): Promise<void>;
}

/** Operations that change no state machine, version, alias, tag or activity (their executions are written as they change). */
const LEAVES_RESOURCES = /^(Describe|List|Validate|Test|Filter|SendTask|Start|Stop|Redrive|GetExecution)/;

/** How long a JSONata evaluation of an SFN-API execution runs before the server answers others. */
const YIELD_EVERY_MS = 20;

function guardFactory(given: GuardLimits | null | undefined) {
  if (given === null) return undefined;
  // executions run on the server's thread: long evaluations let requests in every YIELD_EVERY_MS
  const limits =
    given ??
    (({ evalTimeMs, evalMemoryMb }) => ({ timeMs: evalTimeMs, memoryMb: evalMemoryMb, yieldEveryMs: YIELD_EVERY_MS }))(
      readEvaluationLimits(),
    );
  return () => evaluationGuard(limits);
}

export const SUPPORTED_TARGETS = [
  ...Object.keys(SFN_OPERATIONS).map((op) => `AWSStepFunctions.${op}`),
  ...Object.keys(LOGS_OPERATIONS).map((op) => `Logs_20140328.${op}`),
];

/**
 * The local engine behind the AWS Step Functions API: state machines, executions and activities in
 * memory. Executions close at once unless they wait for the outside world (a callback, an activity
 * worker), which takes real time with the default wait clock (see wall-clock.ts).
 */
export function createLocalSfnService(options: LocalSfnServiceOptions = {}, journal?: EngineJournal): LocalSfnService {
  const clock = options.clock ?? { now: () => Date.now() };
  const waitClock = readWaitClock(options.waitClock);
  const context: ServiceContext = {
    store: options.store ?? createMemoryStore(),
    region: options.region ?? "us-east-1",
    accountId: options.accountId ?? "123456789012",
    now: () => new Date(clock.now()),
    invoker: options.taskInvoker ?? defaultTaskInvoker(),
    evaluationGuard: guardFactory(options.evaluationLimits),
    settleMs: options.settleMs ?? 2000,
    ...(waitClock === "virtual" ? {} : { wallClock: systemWallClock, waitClock }),
    activityPollMs: options.activityPollMs ?? 60_000,
    maxExecutions: options.maxExecutions ?? 10_000,
    onExecutionFinished: options.onExecutionFinished,
    onExecutionWaiting: options.onExecutionWaiting,
    onError: options.onError ?? ((error) => console.error("statelens sfn-api: onExecutionFinished failed:", error)),
    inFlight: new Set(),
  };
  if (journal) context.durable = new DurableState(journal, context.store, context.onError);
  return {
    context,
    async call(target, body, signal) {
      const [service, name] = target.split(".", 2);
      const table = service === "AWSStepFunctions" ? SFN_OPERATIONS : service === "Logs_20140328" ? LOGS_OPERATIONS : undefined;
      const operation = table && name && Object.hasOwn(table, name) ? table[name] : undefined;
      if (!operation)
        throw new SfnError(
          "UnknownOperationException",
          `Operation ${target || "(no X-Amz-Target)"} is not supported by the statelens local API`,
          400,
          "com.amazon.coral.service",
        );
      if (!context.durable) return operation(context, body, signal);
      try {
        return await operation(context, body, signal);
      } finally {
        // what the caller is told (or what changed before a refusal) is stored before it hears it
        await context.durable.flush({ resources: !LEAVES_RESOURCES.test(name!) });
      }
    },
    async closed() {
      while (context.inFlight.size > 0) await Promise.all([...context.inFlight]);
    },
  };
}

/**
 * A local service whose state lives in `journal` (lib/db's EngineRecord table for `sfn-local
 * --store` and `serve`): what the journal holds is brought back first (running executions go on,
 * see restore-state.ts), and every request is answered only once what it changed is written.
 */
export async function openLocalSfnService(
  options: LocalSfnServiceOptions & { journal: EngineJournal },
): Promise<{ service: LocalSfnService; restored: RestoreReport }> {
  const { journal, ...rest } = options;
  const records = await journal.load();
  const service = createLocalSfnService(rest, journal);
  const restored = restoreEngineState(service.context, service.context.durable!, records);
  return { service, restored };
}
