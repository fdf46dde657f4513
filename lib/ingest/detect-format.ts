import { IngestFormatError, parseJsonText } from "./parse-json-text";
import { withoutBom } from "../text/without-bom";

export type DetectedFile =
  /** get-execution-history output or a bare event array. */
  | { kind: "history"; value: unknown }
  /** Step Functions CloudWatch Logs records (JSON lines, an array, or `aws logs filter-log-events` output). */
  | { kind: "logs"; records: unknown[] }
  /** Our own export (`{"statelens": 1, ...}`). */
  | { kind: "export"; value: unknown };

/** Valid JSON in none of the known formats. */
export class UnrecognizedFormatError extends IngestFormatError {
  constructor(message: string) {
    super(message);
    this.name = "UnrecognizedFormatError";
  }
}

/** Decides what a file holds from its content; throws IngestFormatError naming what is wrong. */
export function detectFormat(source: string): DetectedFile {
  const text = withoutBom(source);
  const lines = text
    .split(/\r?\n/)
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== "");
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (error) {
    if (lines.length > 1 && lines.every(({ line }) => line.trimStart().startsWith("{")))
      return { kind: "logs", records: parseJsonLines(lines) };
    throw error;
  }
  return classify(value);
}

function classify(value: unknown): DetectedFile {
  if (Array.isArray(value)) {
    if (value.length > 0 && isLogRecord(value[0])) return { kind: "logs", records: value };
    if (value.length > 0 && isObject(value[0]) && "message" in value[0]) return { kind: "logs", records: fromLogEvents(value, "") };
    if (value.length > 0 && isObject(value[0]) && !("type" in value[0]) && !("timestamp" in value[0]))
      throw new UnrecognizedFormatError(UNRECOGNIZED);
    return { kind: "history", value };
  }
  if (!isObject(value)) throw new UnrecognizedFormatError(UNRECOGNIZED);
  if ("statelens" in value) return { kind: "export", value };
  if (isLogRecord(value)) return { kind: "logs", records: [value] };
  if (Array.isArray(value.events)) {
    const first: unknown = value.events[0];
    if (isObject(first) && typeof first.message === "string") return { kind: "logs", records: fromLogEvents(value.events, "events") };
    if (isLogRecord(first)) return { kind: "logs", records: value.events };
    return { kind: "history", value };
  }
  throw new UnrecognizedFormatError(UNRECOGNIZED);
}

const UNRECOGNIZED =
  'not a recognised format: expected get-execution-history output ({"events": [...]}), CloudWatch Logs records with execution_arn, or a statelens export';

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function isLogRecord(value: unknown): boolean {
  return isObject(value) && "execution_arn" in value;
}

/** `filter-log-events` / `get-log-events` output: each `message` is one record as JSON text. */
function fromLogEvents(events: unknown[], path: string): unknown[] {
  return events.map((event, index) => {
    const message = isObject(event) ? event.message : undefined;
    if (typeof message !== "string") throw new IngestFormatError(`${path}[${index}].message: expected string`);
    try {
      return parseJsonText(message);
    } catch (error) {
      throw new IngestFormatError(`${path}[${index}].message: ${(error as Error).message}`);
    }
  });
}

function parseJsonLines(lines: { line: string; number: number }[]): unknown[] {
  return lines.map(({ line, number }) => {
    try {
      return parseJsonText(line);
    } catch (error) {
      throw new IngestFormatError(`line ${number}: ${(error as Error).message}`);
    }
  });
}
