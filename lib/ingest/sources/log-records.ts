import { z } from "zod";
import { detailsKeyFor, type EventDetails, type HistoryEvent } from "../../asl/history/types";
import { parseExecutionArn } from "../arn";
import { formatIssues, normalizeDetails, toDate } from "../normalize-events";
import { IngestFormatError } from "../parse-json-text";
import { isTerminalEventType, summarizeHistory } from "../summarize-history";
import type { ExecutionSource, IngestedExecution } from "../types";
import { definitionText } from "./history-file";

const digits = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]);

/** One Step Functions CloudWatch Logs record (the JSON text of a log event's `message`). */
export const logRecordSchema = z.looseObject({
  id: digits,
  type: z.string().min(1),
  details: z.record(z.string(), z.unknown()).nullish(),
  previous_event_id: digits.nullish(),
  event_timestamp: z.union([z.string(), z.number()]),
  execution_arn: z.string().min(1),
  redrive_count: digits.nullish(),
});

export type LogRecord = z.infer<typeof logRecordSchema>;

export interface LogRecordsOptions {
  definition?: string | object | null;
  /** "logs" (the default) or "file" for an exported log file. */
  source?: ExecutionSource;
  /** What the state machine's loggingConfiguration says, when known; sharpens the `incomplete` text. */
  level?: string | null;
  includeExecutionData?: boolean | null;
  stateMachineVersionArn?: string | null;
  revisionId?: string | null;
}

/** Validates records; errors name the record and field (`records[3].execution_arn: ...`). */
export function validateLogRecords(raw: unknown[], path = "records"): LogRecord[] {
  const parsed = z.array(logRecordSchema).safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new IngestFormatError(formatIssues(parsed.error.issues, path));
  return parsed.data;
}

/** Groups records by execution_arn and converts each group to an execution (ordered by numeric id). */
export function executionsFromLogRecords(raw: unknown[], options: LogRecordsOptions = {}): IngestedExecution[] {
  const records = validateLogRecords(raw);
  const groups = new Map<string, LogRecord[]>();
  for (const record of records) {
    const group = groups.get(record.execution_arn) ?? [];
    group.push(record);
    groups.set(record.execution_arn, group);
  }
  return [...groups.entries()].map(([arn, group]) => executionFromGroup(arn, group, options));
}

function executionFromGroup(executionArn: string, records: LogRecord[], options: LogRecordsOptions): IngestedExecution {
  const byId = new Map<number, HistoryEvent>();
  let redriveCount = 0;
  for (const record of records) {
    const event = toEvent(record);
    byId.set(event.id, event);
    redriveCount = Math.max(redriveCount, Number(record.redrive_count ?? 0));
  }
  const events = [...byId.values()].sort((a, b) => a.id - b.id);
  const summary = summarizeHistory(events);
  const reasons = incompleteReasons(events, options);
  const missingIds = reasons.some((r) => r.startsWith("events "));
  const parts = parseExecutionArn(executionArn);
  const arnParts = executionArn.split(":");
  return {
    executionArn,
    name: parts?.name ?? arnParts[arnParts.length - 1],
    stateMachineArn: parts?.stateMachineArn ?? executionArn,
    stateMachineName: parts?.stateMachineName ?? "unknown",
    type: parts?.type ?? "EXPRESS",
    status: summary.closed ? summary.status : missingIds ? "UNKNOWN" : "RUNNING",
    startDate: summary.startDate ?? events[0].timestamp,
    stopDate: summary.stopDate,
    input: summary.input,
    output: summary.output,
    error: summary.error,
    cause: summary.cause,
    redriveCount: Math.max(redriveCount, summary.redriveCount),
    source: options.source ?? "logs",
    definition: definitionText(options.definition),
    stateMachineVersionArn: options.stateMachineVersionArn ?? summary.stateMachineVersionArn,
    revisionId: options.revisionId ?? null,
    region: parts?.region ?? null,
    accountId: parts?.accountId ?? null,
    parentExecutionArn: null,
    mapRunArn: null,
    incomplete: reasons.length > 0 ? reasons.join("; ") : null,
    events,
  };
}

function toEvent(record: LogRecord): HistoryEvent {
  const timestamp = toDate(record.event_timestamp);
  if (!timestamp)
    throw new IngestFormatError(
      `record ${record.id} of ${record.execution_arn}: event_timestamp ${JSON.stringify(record.event_timestamp)} is not a date`,
    );
  const event: HistoryEvent = {
    timestamp,
    type: record.type,
    id: Number(record.id),
    previousEventId: Number(record.previous_event_id ?? 0),
  };
  const details = record.details ?? {};
  if (Object.keys(details).length > 0) {
    const key = detailsKeyFor(record.type) ?? record.type.charAt(0).toLowerCase() + record.type.slice(1) + "EventDetails";
    event[key as `${string}EventDetails`] = normalizeDetails(details as EventDetails);
  }
  return event;
}

/** Why these log events are not the whole history: missing ids, no terminal event, no payloads. */
function incompleteReasons(events: HistoryEvent[], options: LogRecordsOptions): string[] {
  const reasons: string[] = [];
  const present = new Set(events.map((e) => e.id));
  const last = events[events.length - 1].id;
  const missing: number[] = [];
  for (let id = 1; id < last; id++) if (!present.has(id)) missing.push(id);
  const level = options.level ? `the logging level is ${options.level}` : "the logging level is below ALL";
  if (missing.length > 0) {
    reasons.push(`events ${ranges(missing)} of ${last} are not in the logs (${level}, which logs only some events)`);
  }
  if (!events.some((e) => isTerminalEventType(e.type))) {
    reasons.push(
      missing.length > 0
        ? `no terminal event in the logs: the outcome was not logged at this level, or the execution is still running`
        : "no terminal event in the logs yet: the execution is still running or its last events were not delivered",
    );
  }
  if (options.includeExecutionData === false || lacksPayloads(events)) {
    reasons.push("inputs and outputs are not in the logs (includeExecutionData is off)");
  }
  return reasons;
}

function lacksPayloads(events: HistoryEvent[]): boolean {
  for (const event of events) {
    const details = (event.executionStartedEventDetails ?? event.stateEnteredEventDetails) as EventDetails | undefined;
    if (details && !("input" in details)) return true;
    const exited = (event.executionSucceededEventDetails ?? event.stateExitedEventDetails) as EventDetails | undefined;
    if (exited && !("output" in exited)) return true;
  }
  return false;
}

/** [1, 2, 3, 5] -> "1-3, 5" */
function ranges(ids: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j] + 1) j++;
    out.push(i === j ? String(ids[i]) : `${ids[i]}-${ids[j]}`);
    i = j;
  }
  return out.join(", ");
}
