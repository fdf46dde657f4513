import { z } from "zod";
import { formatIssues, normalizeEvents } from "./normalize-events";
import { IngestFormatError } from "./parse-json-text";
import type { IngestedExecution } from "./types";

export const EXPORT_VERSION = 1;

/**
 * Our own export: `{"statelens": 1, "execution": {...}, "definition": ..., "events": [...]}`.
 * Dates are ISO text, the definition is JSON (or its exact text when that is not compact JSON), events
 * keep AWS's shape.
 * Importing it gives back the same execution (same ARN, so re-imports are idempotent).
 */
export function exportExecution(execution: IngestedExecution): string {
  const { events, definition, ...rest } = execution;
  const document = {
    statelens: EXPORT_VERSION,
    execution: { ...rest, startDate: rest.startDate.toISOString(), stopDate: rest.stopDate?.toISOString() ?? null },
    definition: parseOrKeep(definition),
    events: events.map((event) => ({ ...event, timestamp: event.timestamp.toISOString() })),
  };
  return JSON.stringify(document, null, 2) + "\n";
}

const nullableText = z.string().nullable().optional();
const exportedExecutionSchema = z.looseObject({
  executionArn: z.string().min(1),
  name: z.string(),
  stateMachineArn: z.string(),
  stateMachineName: z.string(),
  type: z.enum(["STANDARD", "EXPRESS"]),
  status: z.string(),
  startDate: z.iso.datetime({ offset: true }),
  stopDate: z.iso.datetime({ offset: true }).nullable().optional(),
  input: nullableText,
  output: nullableText,
  error: nullableText,
  cause: nullableText,
  redriveCount: z.number().int().nonnegative().optional(),
  source: z.enum(["aws", "logs", "file", "local", "replay"]).optional(),
  stateMachineVersionArn: nullableText,
  revisionId: nullableText,
  region: nullableText,
  accountId: nullableText,
  parentExecutionArn: nullableText,
  mapRunArn: nullableText,
  incomplete: nullableText,
});

/** Reads a document written by exportExecution. */
export function executionFromExport(value: unknown): IngestedExecution {
  if (!value || typeof value !== "object" || (value as { statelens?: unknown }).statelens !== EXPORT_VERSION) {
    throw new IngestFormatError(`statelens: expected export version ${EXPORT_VERSION}`);
  }
  const document = value as { execution?: unknown; definition?: unknown; events?: unknown };
  const parsed = exportedExecutionSchema.safeParse(document.execution, { reportInput: true });
  if (!parsed.success) throw new IngestFormatError(formatIssues(parsed.error.issues, "execution"));
  const e = parsed.data;
  const definition = document.definition;
  return {
    executionArn: e.executionArn,
    name: e.name,
    stateMachineArn: e.stateMachineArn,
    stateMachineName: e.stateMachineName,
    type: e.type,
    status: e.status,
    startDate: new Date(e.startDate),
    stopDate: e.stopDate ? new Date(e.stopDate) : null,
    input: e.input ?? null,
    output: e.output ?? null,
    error: e.error ?? null,
    cause: e.cause ?? null,
    redriveCount: e.redriveCount ?? 0,
    source: e.source ?? "file",
    definition:
      definition === undefined || definition === null ? null : typeof definition === "string" ? definition : JSON.stringify(definition),
    stateMachineVersionArn: e.stateMachineVersionArn ?? null,
    revisionId: e.revisionId ?? null,
    region: e.region ?? null,
    accountId: e.accountId ?? null,
    parentExecutionArn: e.parentExecutionArn ?? null,
    mapRunArn: e.mapRunArn ?? null,
    incomplete: e.incomplete ?? null,
    events: exportedEvents(document.events),
  };
}

/** The parsed definition when compact JSON gives back the same text (so re-import is exact), else the text. */
function parseOrKeep(definition: string | null): unknown {
  if (definition === null) return null;
  try {
    const parsed: unknown = JSON.parse(definition);
    return JSON.stringify(parsed) === definition ? parsed : definition;
  } catch {
    return definition;
  }
}

function exportedEvents(events: unknown): ReturnType<typeof normalizeEvents> {
  if (!Array.isArray(events))
    throw new IngestFormatError(`events: expected an array of history events, got ${events === undefined ? "nothing" : typeof events}`);
  if (events.length === 0) throw new IngestFormatError("events: empty, there is no history to import");
  return normalizeEvents(events, "events");
}
