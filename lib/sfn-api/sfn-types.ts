import type { ExecutionHandle, HistoryEvent } from "../asl";

export type StateMachineType = "STANDARD" | "EXPRESS";
export type LogLevel = "ALL" | "ERROR" | "FATAL" | "OFF";

export interface LoggingConfiguration {
  level: LogLevel;
  includeExecutionData: boolean;
  destinations: { cloudWatchLogsLogGroup: { logGroupArn: string } }[];
}

export interface LocalStateMachine {
  stateMachineArn: string;
  name: string;
  type: StateMachineType;
  /** The definition text exactly as CreateStateMachine received it. */
  definition: string;
  roleArn: string;
  creationDate: Date;
  revisionId: string;
  loggingConfiguration: LoggingConfiguration;
  description?: string;
  /** Set by UpdateStateMachine (absent: as created). */
  tracingConfiguration?: { enabled: boolean };
  updateDate?: Date;
}

export type LocalExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export interface LocalExecution {
  executionArn: string;
  name: string;
  /** The state machine as it was when the execution started (DescribeStateMachineForExecution). */
  stateMachine: LocalStateMachine;
  input: string;
  status: LocalExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  /** Start order, newest has the highest; breaks startDate ties in listings. */
  seq: number;
  /** Live engine handle while RUNNING (task tokens, StopExecution). */
  handle?: ExecutionHandle;
  /** Settles when the execution has closed (and its finish callbacks ran). */
  done: Promise<void>;
  /** Settles the next time the execution starts waiting for a task token callback. */
  nextCallbackWait(): Promise<void>;
  events(): readonly HistoryEvent[];
  /** Settles once the last onExecutionWaiting/onExecutionFinished report of this execution has run. */
  reported: Promise<void>;
  /** Started through a version or an alias (StartExecution on a qualified ARN, see qualified-arn.ts). */
  stateMachineVersionArn?: string;
  stateMachineAliasArn?: string;
  /** RedriveExecution's bookkeeping (absent: never redriven). */
  redriveCount?: number;
  redriveDate?: Date;
}

/** Where the local service keeps its state machines and executions (in memory by default). */
export interface SfnStore {
  stateMachines: Map<string, LocalStateMachine>;
  executions: Map<string, LocalExecution>;
  /** task token -> execution ARN, for every token a task was handed. */
  taskTokens: Map<string, string>;
  /** CloudWatch Logs records of Express executions with logging on, by log group name. */
  logGroups: Map<string, StoredLogEvent[]>;
  nextSeq: number;
}

export interface StoredLogEvent {
  logStreamName: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
  eventId: string;
}

export function createMemoryStore(): SfnStore {
  return { stateMachines: new Map(), executions: new Map(), taskTokens: new Map(), logGroups: new Map(), nextSeq: 1 };
}
