import { z } from "zod";
import type { EventDetails, HistoryEvent } from "../asl/history/types";
import { IngestFormatError } from "./parse-json-text";
import { jsonText } from "../asl/evaluate/stringify-json";

/** Detail fields that AWS sends as JSON text; recordings that hold them parsed are turned back into text. */
const TEXT_FIELDS = new Set(["input", "output", "parameters", "result", "cause"]);

const rawEventSchema = z.looseObject({
  id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
  previousEventId: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).optional(),
  type: z.string().min(1),
  timestamp: z.union([z.string(), z.number(), z.date()]),
});

export const rawEventsSchema = z.array(rawEventSchema);

/**
 * Validates raw `GetExecutionHistory` events (from a file, a recording or an export) and returns
 * HistoryEvent[] sorted by id: Date timestamps, numeric ids, payloads as JSON text, unknown event
 * types and unknown detail fields kept. `path` prefixes error messages (`events[12].type: ...`).
 */
export function normalizeEvents(raw: unknown, path = "events"): HistoryEvent[] {
  const parsed = rawEventsSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new IngestFormatError(formatIssues(parsed.error.issues, path));
  const byId = new Map<number, HistoryEvent>();
  parsed.data.forEach((item, index) => {
    const timestamp = toDate(item.timestamp);
    if (!timestamp) {
      throw new IngestFormatError(
        `${path}[${index}].timestamp: expected ISO date-time text or epoch seconds/milliseconds, got ${JSON.stringify(item.timestamp)}`,
      );
    }
    const event: HistoryEvent = {
      timestamp,
      type: item.type,
      id: Number(item.id),
      previousEventId: Number(item.previousEventId ?? 0),
    };
    for (const [key, value] of Object.entries(item)) {
      if (key.endsWith("EventDetails") && value && typeof value === "object") {
        event[key as `${string}EventDetails`] = normalizeDetails(value as EventDetails);
      }
    }
    const existing = byId.get(event.id);
    if (existing && jsonText(existing) !== jsonText(event)) {
      throw new IngestFormatError(`${path}[${index}].id: id ${event.id} appears twice with different contents`);
    }
    byId.set(event.id, event);
  });
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Payload fields to JSON text; everything else untouched. */
export function normalizeDetails(details: EventDetails): EventDetails {
  const out: EventDetails = {};
  for (const [key, value] of Object.entries(details)) {
    if (TEXT_FIELDS.has(key) && value !== null && value !== undefined && typeof value !== "string") {
      out[key] = jsonText(value);
    } else if (key === "assignedVariables" && value && typeof value === "object") {
      const vars: Record<string, unknown> = {};
      for (const [name, v] of Object.entries(value)) vars[name] = typeof v === "string" ? v : jsonText(v);
      out[key] = vars;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * ISO text, epoch seconds (possibly fractional) or epoch milliseconds, as number or digit string.
 * Numbers above 1e11 are milliseconds (1e11 s is the year 5138, 1e11 ms is 1973).
 */
export function toDate(value: string | number | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  let ms: number;
  if (typeof value === "number" || /^\d+(\.\d+)?$/.test(value.trim())) {
    const n = Number(value);
    if (!Number.isFinite(n)) return null;
    ms = n > 1e11 ? n : n * 1000;
  } else {
    if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
    ms = Date.parse(value);
  }
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  // beyond ±8.64e15 ms a Date is invalid: such a timestamp is malformed input, not a time
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `events[12].type: expected string, got number` for the first few zod issues. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], base: string): string {
  const lines = issues.slice(0, 5).map((issue) => `${formatPath(base, issue.path)}: ${describeIssue(issue)}`);
  if (issues.length > 5) lines.push(`... and ${issues.length - 5} more problems`);
  return lines.join("; ");
}

function formatPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const part of path) out += typeof part === "number" ? `[${part}]` : `.${String(part)}`;
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const last = issue.path[issue.path.length - 1];
  const special =
    last === "timestamp"
      ? "ISO date-time text or epoch number"
      : last === "id" || last === "previousEventId"
        ? "a non-negative integer"
        : null;
  const expected = special ?? (issue.code === "invalid_type" ? issue.expected : null);
  if (!expected) return issue.message;
  if (input === undefined) return `expected ${expected}, but it is missing`;
  if (special) return `expected ${expected}, got ${JSON.stringify(input)?.slice(0, 60)}`;
  return `expected ${expected}, got ${input === null ? "null" : Array.isArray(input) ? "array" : typeof input}`;
}
