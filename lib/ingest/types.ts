import type { HistoryEvent } from "../asl/history/types";

export type ExecutionSource = "aws" | "logs" | "file" | "local" | "replay";

export interface IngestedExecution {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  type: "STANDARD" | "EXPRESS";
  status: string;
  startDate: Date;
  stopDate: Date | null;
  input: string | null;
  output: string | null;
  error: string | null;
  cause: string | null;
  redriveCount: number;
  source: ExecutionSource;
  definition: string | null;
  stateMachineVersionArn?: string | null;
  revisionId?: string | null;
  region?: string | null;
  accountId?: string | null;
  parentExecutionArn?: string | null;
  mapRunArn?: string | null;
  /** Why the history is known to be partial (Express logs), else null. */
  incomplete?: string | null;
  events: HistoryEvent[];
}

export type SaveResult = "inserted" | "updated" | "unchanged";

export interface IngestSink {
  /** One transaction per execution, idempotent by executionArn. */
  saveExecution(execution: IngestedExecution): Promise<SaveResult>;
  /** Several in one transaction, all or nothing (optional: lib/ingest/save-batches.ts falls back to saveExecution). */
  saveExecutions?(executions: IngestedExecution[]): Promise<SaveResult[]>;
  getExecutionState(executionArn: string): Promise<{ status: string; redriveCount: number; eventCount: number } | null>;
  getCursor(key: string): Promise<string | null>;
  setCursor(key: string, value: string): Promise<void>;
}

/** One failure that did not stop the run: `target` names the file, region, state machine or execution. */
export interface IngestError {
  target: string;
  message: string;
  /** AWS error name (`AccessDeniedException`, ...) or a local code (`parse`, `io`). */
  code?: string;
}

/** Counts for the CLI's progress bar and `--json` summary. */
export interface IngestSummary {
  stateMachines: number;
  files: number;
  /** Executions looked at (saved or found unchanged). */
  executions: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Events in the executions that were inserted or updated. */
  events: number;
  errors: IngestError[];
  /** Files that hold valid JSON in none of the known formats (e.g. an index.json), left alone. */
  skipped: string[];
}

export interface IngestProgress {
  phase: "list" | "execution" | "file" | "done";
  /** Region, state machine ARN or file name being worked on. */
  target: string;
  /** Units finished / known so far (files, or executions for AWS). */
  done: number;
  total: number | null;
  summary: IngestSummary;
}

export type ProgressFn = (progress: IngestProgress) => void;

export function emptySummary(): IngestSummary {
  return { stateMachines: 0, files: 0, executions: 0, inserted: 0, updated: 0, unchanged: 0, events: 0, errors: [], skipped: [] };
}

/** Adds one save result to a summary. */
export function countSave(summary: IngestSummary, result: SaveResult, eventCount: number): void {
  summary.executions++;
  summary[result]++;
  if (result !== "unchanged") summary.events += eventCount;
}
