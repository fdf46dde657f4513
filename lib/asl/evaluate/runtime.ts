import type { EvaluationGuard, ItemReaderPort, RandomPort, TaskInvoker } from "../ports";
import type { Scheduler } from "./scheduler";
import type { TokenRegistry } from "./token-registry";
import type { ExecutionTermination } from "./termination";

/** What the context object `$$.Execution` / `$$.StateMachine` holds for the whole run. */
export interface ExecutionInfo {
  Id: string;
  Input: unknown;
  StartTime: string;
  Name: string;
  RoleArn: string;
  /** Absent when the execution was started with `redriveCount: null`. */
  RedriveCount?: number;
}

export interface StateMachineInfo {
  Id: string;
  Name: string;
}

/** Everything one execution shares across its threads (branches, iterations). */
export interface ExecutionRuntime {
  readonly scheduler: Scheduler;
  readonly random: RandomPort;
  readonly invoker: TaskInvoker | undefined;
  readonly itemReader: ItemReaderPort | undefined;
  readonly guard: EvaluationGuard | undefined;
  readonly tokens: TokenRegistry;
  readonly execution: ExecutionInfo;
  readonly stateMachine: StateMachineInfo;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** Set when the execution must end now (stop request, TimeoutSeconds). */
  termination: ExecutionTermination | undefined;
  /** Sets `termination` and aborts every thread (they all descend from the root scope). */
  terminate(termination: ExecutionTermination): void;
  /** The virtual clock as a Date (JSONata `$now()`). */
  readonly nowDate: () => Date;
  /** Counter for unique names within the execution. */
  nextSerial(): number;
  /** A fresh task token (deterministic per execution; does not draw from `random`). */
  newTaskToken(): string;
}
