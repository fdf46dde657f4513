import { jsonText } from "../asl/evaluate/stringify-json";
import type { EventDetails, HistoryEvent } from "../asl/history/types";

/**
 * Plain serializable data that pages hand to the dashboard components (components/**).
 * Pure types plus tiny helpers: no React, no Prisma, no AWS SDK.
 */

/**
 * One history event as the dashboard's API sends it: AWS's HistoryEvent as JSON. The timestamp is
 * ISO-8601 text; the details stay under their `<x>EventDetails` key, payload fields in them
 * (`input`, `output`, `parameters`, `result`, ...) JSON text. Read the details with `detailsOf`.
 */
export type EventDto = Omit<HistoryEvent, "timestamp"> & { timestamp: string };

export type ExecutionStatusDto = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";

export interface ExecutionDto {
  id: string;
  executionArn: string;
  name: string;
  stateMachineName: string;
  status: ExecutionStatusDto | (string & {});
  type: "STANDARD" | "EXPRESS";
  startDate: string;
  stopDate: string | null;
  input: string | null;
  output: string | null;
  error: string | null;
  cause: string | null;
  redriveCount: number;
  source: string;
  /** ASL JSON text as it ran */
  definition: string | null;
}

/** One execution, as the over-time charts read it (components/charts/prepare-over-time). */
export interface ExecutionRow {
  /** ISO-8601 */
  startDate: string;
  status: string;
  /** null while running */
  durationMs: number | null;
  /** error name of a failed execution */
  error: string | null;
  /** state machine version or definition hash the execution ran; null when unknown */
  version: string | null;
  redriveCount?: number;
}

/** One state run (one entry into a state), as the over-time charts read it. */
export interface StateRunRow {
  stateName: string;
  /** Task, Pass, Fail...: a Fail state fails by design and is never "flaky" */
  stateType?: string;
  /** ISO-8601 time the state was entered; used for bucketing retries and caught errors */
  startDate: string;
  /** task attempts, 1 when the state ran once */
  attempts: number;
  /** the state failed and nothing caught it */
  failed: boolean;
  /** the state failed and a Catch recovered it */
  caught: boolean;
  error: string | null;
}

/** A payload field as text: strings stay as they are, anything else is JSON-encoded. */
export function payloadText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : (jsonText(value) ?? null);
}

/**
 * An event in AWS `GetExecutionHistory` shape (`{id, previousEventId, timestamp, type,
 * <x>EventDetails}`, timestamp a Date or ISO text) as the API sends it: the same event, its
 * timestamp ISO text, its details (an object) under their key.
 */
export function toEventDto(event: {
  id: number;
  previousEventId?: number;
  timestamp: Date | string;
  type: string;
  [key: string]: unknown;
}): EventDto {
  const timestamp = event.timestamp instanceof Date ? event.timestamp.toISOString() : String(event.timestamp);
  const dto: EventDto = { id: event.id, previousEventId: event.previousEventId ?? 0, timestamp, type: event.type };
  for (const key of Object.keys(event)) {
    if (key.endsWith("EventDetails")) {
      const value = event[key];
      if (value && typeof value === "object") dto[key as `${string}EventDetails`] = value as EventDetails;
      break;
    }
  }
  return dto;
}

/** Milliseconds since the epoch of a Date or ISO-8601 text, or null when it is not a date. */
export function parseTime(time: string | Date | null | undefined): number | null {
  if (!time) return null;
  const ms = typeof time === "string" ? Date.parse(time) : time.getTime();
  return Number.isNaN(ms) ? null : ms;
}
