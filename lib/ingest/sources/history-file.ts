import type { HistoryEvent } from "../../asl/history/types";
import { localExecutionArn, localStateMachineArn } from "../arn";
import { normalizeEvents } from "../normalize-events";
import { IngestFormatError, parseJsonText } from "../parse-json-text";
import { summarizeHistory } from "../summarize-history";
import type { ExecutionSource, IngestedExecution } from "../types";

export interface HistoryFileOptions {
  /** Used for the default execution name (`run-7.history.json` -> `run-7`). */
  fileName: string;
  /** The definition that ran, as JSON text or parsed. */
  definition?: string | object | null;
  name?: string;
  stateMachineName?: string;
  /** Defaults to "file". */
  source?: ExecutionSource;
}

export interface ParsedHistoryFile {
  events: HistoryEvent[];
  /** Set when the file is one page of a paginated `get-execution-history` (more events exist). */
  nextToken: string | null;
}

/** `aws stepfunctions get-execution-history` output (`{"events": [...]}`) or a bare event array. */
export function parseHistoryFile(text: string): ParsedHistoryFile {
  return parseHistoryValue(parseJsonText(text));
}

export function parseHistoryValue(value: unknown): ParsedHistoryFile {
  if (Array.isArray(value)) return { events: nonEmpty(normalizeEvents(value, "events")), nextToken: null };
  if (!value || typeof value !== "object" || !("events" in value)) {
    throw new IngestFormatError('expected an object with an "events" array (get-execution-history output)');
  }
  const record = value as { events: unknown; nextToken?: unknown };
  if (!Array.isArray(record.events)) throw new IngestFormatError("events: expected array");
  const nextToken = typeof record.nextToken === "string" && record.nextToken ? record.nextToken : null;
  return { events: nonEmpty(normalizeEvents(record.events, "events")), nextToken };
}

/** One execution from a history file; the ARN is synthesized from the names, so re-imports update it. */
export function executionFromHistoryFile(text: string, options: HistoryFileOptions): IngestedExecution {
  const { events, nextToken } = parseHistoryFile(text);
  return executionFromEvents(events, {
    ...options,
    incomplete: nextToken ? "the file holds one page of the history (nextToken present)" : null,
  });
}

export function executionFromEvents(
  events: HistoryEvent[],
  options: HistoryFileOptions & { incomplete?: string | null },
): IngestedExecution {
  const summary = summarizeHistory(events);
  const name = options.name ?? baseName(options.fileName);
  const stateMachineName = options.stateMachineName ?? "imported";
  const lastEvent = events[events.length - 1];
  return {
    executionArn: localExecutionArn(stateMachineName, name),
    name,
    stateMachineArn: localStateMachineArn(stateMachineName),
    stateMachineName,
    type: "STANDARD",
    status: summary.status,
    startDate: summary.startDate ?? lastEvent.timestamp,
    stopDate: summary.stopDate,
    input: summary.input,
    output: summary.output,
    error: summary.error,
    cause: summary.cause,
    redriveCount: summary.redriveCount,
    source: options.source ?? "file",
    definition: definitionText(options.definition),
    stateMachineVersionArn: summary.stateMachineVersionArn,
    revisionId: null,
    region: null,
    accountId: null,
    parentExecutionArn: null,
    mapRunArn: null,
    incomplete: incompleteText(events, options.incomplete),
    events,
  };
}

/**
 * Why the history is partial, or null. A history without its ExecutionStarted event (cut from a
 * longer export, or its first page lost) is stored and marked, not refused: its start time is
 * then that of its first event, and its input is unknown.
 */
function incompleteText(events: readonly HistoryEvent[], given: string | null | undefined): string | null {
  const reasons = given ? [given] : [];
  if (!events.some((e) => e.type === "ExecutionStarted")) {
    reasons.push("no ExecutionStarted event: the execution's input and start are missing (shown from its first event)");
  }
  return reasons.length > 0 ? reasons.join("; ") : null;
}

export function definitionText(definition: string | object | null | undefined): string | null {
  if (definition === undefined || definition === null) return null;
  return typeof definition === "string" ? definition : JSON.stringify(definition);
}

/** `dir/run-7.history.json` -> `run-7`. */
export function baseName(fileName: string): string {
  const file = fileName.split(/[\\/]/).pop() ?? fileName;
  return file.replace(/\.(json|jsonl|ndjson|log|txt)$/i, "").replace(/\.history$/i, "") || file;
}

function nonEmpty(events: HistoryEvent[]): HistoryEvent[] {
  if (events.length === 0) throw new IngestFormatError("events: empty, there is no execution to import");
  return events;
}
