import { detailsOf, type HistoryEvent } from "../asl/history/types";
import type { LogLevel } from "./sfn-types";

/** One Step Functions CloudWatch Logs record: the JSON of a log event's `message`. */
export interface SfnLogRecord {
  id: string;
  type: string;
  details: Record<string, unknown>;
  previous_event_id: string;
  /** Epoch milliseconds as digit text, as AWS writes it. */
  event_timestamp: string;
  execution_arn: string;
  redrive_count: string;
}

export interface LogRecordOptions {
  executionArn: string;
  /** The state machine's logging level (default ALL); OFF logs nothing. */
  level?: LogLevel;
  /** includeExecutionData (default true): false drops inputs, outputs and parameters. */
  includeExecutionData?: boolean;
  redriveCount?: number;
}

/** Detail fields that carry execution data, left out when includeExecutionData is false. */
const DATA_FIELDS = [
  "input",
  "inputDetails",
  "output",
  "outputDetails",
  "parameters",
  "result",
  "assignedVariables",
  "assignedVariablesDetails",
];

const FATAL_TYPES = new Set(["ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"]);

/** ERROR logs the events that report an error: failures, timeouts, aborts and Fail states. */
function isErrorEvent(type: string): boolean {
  return /(Failed|TimedOut|Aborted)$/.test(type) || type === "FailStateEntered";
}

function logged(type: string, level: LogLevel): boolean {
  if (level === "ALL") return true;
  if (level === "ERROR") return isErrorEvent(type);
  if (level === "FATAL") return FATAL_TYPES.has(type);
  return false;
}

/**
 * Converts a GetExecutionHistory-shaped history into the records Step Functions writes to
 * CloudWatch Logs for the same execution (the Express workflow way of keeping a history): details
 * without their `*EventDetails` wrapper, ids and timestamps as text, filtered by logging level.
 */
export function historyToLogRecords(events: readonly HistoryEvent[], options: LogRecordOptions): SfnLogRecord[] {
  const level = options.level ?? "ALL";
  const withData = options.includeExecutionData ?? true;
  const redrive = String(options.redriveCount ?? 0);
  const out: SfnLogRecord[] = [];
  for (const event of events) {
    if (!logged(event.type, level)) continue;
    const details: Record<string, unknown> = { ...(detailsOf(event) ?? {}) };
    if (!withData) for (const field of DATA_FIELDS) delete details[field];
    out.push({
      id: String(event.id),
      type: event.type,
      details,
      previous_event_id: String(event.previousEventId),
      event_timestamp: String(event.timestamp.getTime()),
      execution_arn: options.executionArn,
      redrive_count: redrive,
    });
  }
  return out;
}
