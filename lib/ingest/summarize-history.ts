import { detailsOf, type HistoryEvent } from "../asl/history/types";
import { jsonText } from "../asl/evaluate/stringify-json";

export interface HistorySummary {
  /** SUCCEEDED | FAILED | TIMED_OUT | ABORTED, RUNNING when no terminal event closes the history. */
  status: string;
  startDate: Date | null;
  stopDate: Date | null;
  input: string | null;
  output: string | null;
  error: string | null;
  cause: string | null;
  redriveCount: number;
  roleArn: string | null;
  stateMachineVersionArn: string | null;
  stateMachineAliasArn: string | null;
  /** Map Runs started by this execution (Distributed Map), in history order. */
  mapRunArns: string[];
  /** True when a terminal event is present (after the last redrive). */
  closed: boolean;
}

const TERMINAL: Record<string, string> = {
  ExecutionSucceeded: "SUCCEEDED",
  ExecutionFailed: "FAILED",
  ExecutionTimedOut: "TIMED_OUT",
  ExecutionAborted: "ABORTED",
};

export function isTerminalEventType(type: string): boolean {
  return type in TERMINAL;
}

/** Derives what DescribeExecution would say from the events alone (sorted by id or not). */
export function summarizeHistory(events: readonly HistoryEvent[]): HistorySummary {
  const summary: HistorySummary = {
    status: "RUNNING",
    startDate: null,
    stopDate: null,
    input: null,
    output: null,
    error: null,
    cause: null,
    redriveCount: 0,
    roleArn: null,
    stateMachineVersionArn: null,
    stateMachineAliasArn: null,
    mapRunArns: [],
    closed: false,
  };
  const sorted = [...events].sort((a, b) => a.id - b.id);
  for (const event of sorted) {
    const details = detailsOf(event) ?? {};
    if (event.type === "ExecutionStarted") {
      summary.startDate = event.timestamp;
      summary.input = text(details.input);
      summary.roleArn = text(details.roleArn);
      summary.stateMachineVersionArn = text(details.stateMachineVersionArn);
      summary.stateMachineAliasArn = text(details.stateMachineAliasArn);
    } else if (event.type in TERMINAL) {
      summary.status = TERMINAL[event.type];
      summary.stopDate = event.timestamp;
      summary.closed = true;
      summary.output = event.type === "ExecutionSucceeded" ? text(details.output) : null;
      summary.error = event.type === "ExecutionSucceeded" ? null : text(details.error);
      summary.cause = event.type === "ExecutionSucceeded" ? null : text(details.cause);
    } else if (event.type === "ExecutionRedriven") {
      const count = typeof details.redriveCount === "number" ? details.redriveCount : summary.redriveCount + 1;
      summary.redriveCount = Math.max(summary.redriveCount + 1, count);
      summary.status = "RUNNING";
      summary.stopDate = null;
      summary.closed = false;
      summary.error = null;
      summary.cause = null;
    } else if (event.type === "MapRunStarted") {
      const arn = text(details.mapRunArn);
      if (arn && !summary.mapRunArns.includes(arn)) summary.mapRunArns.push(arn);
    }
  }
  if (!summary.startDate && sorted.length > 0) summary.startDate = sorted[0].timestamp;
  return summary;
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : (jsonText(value) ?? null);
}
