/**
 * statelens' Amazon States Language interpreter: runs a state machine definition on a virtual
 * clock and returns the execution history in the shape of AWS GetExecutionHistory.
 */
import { launchExecution, type ExecutionHandle, type ExecutionResult, type ExecutionSettings } from "./evaluate/execution";
import { parseDefinition } from "./parse/parse-definition";

export interface RunOptions extends ExecutionSettings {
  /** Definition text or the parsed object. */
  definition: string | object;
}

/** Runs an execution to its end. Throws DefinitionError for a definition the engine cannot build. */
export function runExecution(options: RunOptions): Promise<ExecutionResult> {
  try {
    return launchExecution(parseDefinition(options.definition), options, false).result;
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Starts an execution whose waitForTaskToken tasks/activities can be answered through the handle. */
export function startExecution(options: RunOptions): ExecutionHandle {
  return launchExecution(parseDefinition(options.definition), options, true);
}

export type { ExecutionHandle, ExecutionResult } from "./evaluate/execution";
export type { ExecutionContextOptions, StartFrom } from "./evaluate/execution";
export type { ResumePoint, StateResume, ThreadResume, IterationResume, BranchResume } from "./evaluate/resume";
export type {
  RandomPort,
  TaskInvoker,
  TaskRequest,
  TaskOutcome,
  TaskKind,
  IntegrationPattern,
  ItemReaderPort,
  ItemReaderRequest,
  ResultWriterRequest,
  TaskRejection,
  MapRunInvoker,
  MapRunRequest,
  MapRunOutcome,
} from "./ports";
export { seededRandom, EvaluationLimitExceeded } from "./ports";
export type { EvaluationGuard, WallClock } from "./ports";
export type { WaitClock } from "./evaluate/scheduler";
export { StatesError, DefinitionError } from "./errors";
export { validateDefinition, type ValidationIssue } from "./parse/validate";
export type { HistoryEvent, EventDetails, ExecutionStatus } from "./history/types";
