import { createHash, randomBytes } from "node:crypto";
import { jsonText } from "../asl/evaluate/stringify-json";
import { detailsOf, type HistoryEvent } from "../asl/history/types";
import { deriveStateRuns, type DerivedStateRun } from "../history/derive-state-runs";
import { buildSearchText } from "../history/search-text";
import { failureColumns } from "./failure-columns";
import type { IngestedExecution } from "../ingest/types";
import { boolValue, dateValue, type Provider } from "./bulk-insert";
import type { ExecutionContribution } from "./over-time-buckets";

export type SqlValue = string | number | boolean | null;

export interface SaveOptions {
  replayOfId?: string;
  replayCheckpoint?: string;
  replayEdits?: string;
}

/**
 * Every row saveExecution writes for one ingested execution, computed before its transaction
 * starts (search text, event details JSON, derived state runs, the definition's hash), as SQL
 * values for one store. Only the ids the transaction learns (the execution's, its machine's and
 * version's) are left out: the writers put them in front of these columns.
 * This is the one place that says what is stored: a new Execution column goes in `execution`.
 */
export interface ExecutionRows {
  executionArn: string;
  /** what an unchanged re-ingestion is recognised by (sameState) */
  state: { status: string; redriveCount: number; eventCount: number; incomplete: string | null };
  machine: { arn: string; name: string; type: string; region: string | null; accountId: string | null };
  version: { hash: string; definition: string; versionArn: string | null; revisionId: string | null } | null;
  /** Execution columns and values, set on insert and on replacement (not executionArn, ids or timestamps) */
  execution: [column: string, value: SqlValue][];
  /** HistoryEvent rows in EVENT_COLUMNS order after "executionId" */
  events: SqlValue[][];
  /** StateRun rows in STATE_RUN_COLUMNS order after "executionId", "stateMachineId", "versionId" */
  stateRuns: SqlValue[][];
  /** the over-time buckets' view of the execution and its runs (ids filled in by the writer) */
  contribution: Omit<ExecutionContribution, "stateMachineId" | "versionId"> | null;
  runs: DerivedStateRun[];
}

export const EVENT_COLUMNS = ["executionId", "eventId", "previousEventId", "timestamp", "type", "stateName", "details"] as const;
export const STATE_RUN_COLUMNS = [
  "executionId",
  "stateMachineId",
  "versionId",
  "stateName",
  "stateType",
  "startDate",
  "durationMs",
  "attempts",
  "failed",
  "caught",
  "error",
] as const;

/** A StateRun row's values after its owner's three ids, in STATE_RUN_COLUMNS order. */
export function stateRunValues(run: DerivedStateRun, provider: Provider): SqlValue[] {
  return [
    run.stateName,
    run.stateType,
    dateValue(run.startDate, provider),
    run.stopDate ? run.stopDate.getTime() - run.startDate.getTime() : null,
    run.attempts,
    boolValue(run.failed, provider),
    boolValue(run.caught, provider),
    run.error,
  ];
}

export function executionRows(execution: IngestedExecution, provider: Provider, options: SaveOptions = {}): ExecutionRows {
  const date = (d: Date | null) => (d ? dateValue(d, provider) : null);
  const durationMs = execution.stopDate ? execution.stopDate.getTime() - execution.startDate.getTime() : null;
  const searchText = buildSearchText(
    execution.name,
    [execution.input, execution.output, execution.error, execution.cause],
    execution.events,
  );
  const columns: [string, SqlValue][] = [
    ["name", execution.name],
    ["type", execution.type],
    ["status", execution.status],
    ["startDate", date(execution.startDate)],
    ["stopDate", date(execution.stopDate)],
    ["durationMs", durationMs],
    ["input", execution.input],
    ["output", execution.output],
    ["error", execution.error],
    ["cause", execution.cause],
    ["redriveCount", execution.redriveCount],
    ["source", execution.source],
    ["region", execution.region ?? null],
    ["accountId", execution.accountId ?? null],
    ["incomplete", execution.incomplete ?? null],
    ["eventCount", execution.events.length],
    ["parentExecutionArn", execution.parentExecutionArn ?? null],
    ["mapRunArn", execution.mapRunArn ?? null],
    ["searchText", searchText],
    // the failures page's group (failure-columns.ts)
    ...Object.entries(failureColumns(execution.stateMachineArn, execution)),
  ];
  if (options.replayOfId) {
    columns.push(["replayOfId", options.replayOfId], ["replayCheckpoint", options.replayCheckpoint ?? null]);
    columns.push(["replayEdits", options.replayEdits ?? null]);
  }
  const runs = deriveStateRuns(execution.events);
  const definition = execution.definition;
  return {
    executionArn: execution.executionArn,
    state: {
      status: execution.status,
      redriveCount: execution.redriveCount,
      eventCount: execution.events.length,
      incomplete: execution.incomplete ?? null,
    },
    machine: {
      arn: execution.stateMachineArn,
      name: execution.stateMachineName,
      type: execution.type,
      region: execution.region ?? null,
      accountId: execution.accountId ?? null,
    },
    version: definition
      ? {
          hash: createHash("sha256").update(definition).digest("hex"),
          definition,
          versionArn: execution.stateMachineVersionArn ?? null,
          revisionId: execution.revisionId ?? null,
        }
      : null,
    execution: columns,
    events: eventRows(execution.events, provider),
    stateRuns: runs.map((run) => stateRunValues(run, provider)),
    // replays are what-if runs: they add nothing to the over-time buckets
    contribution:
      execution.source === "replay"
        ? null
        : {
            startDate: execution.startDate,
            status: execution.status,
            error: execution.error,
            durationMs,
            redriveCount: execution.redriveCount,
            source: execution.source,
          },
    runs,
  };
}

/** The stored state of a history event: its details as JSON, and the state it belongs to (carried along previousEventId). */
function eventRows(events: readonly HistoryEvent[], provider: Provider): SqlValue[][] {
  const stateOf = new Map<number, string | null>();
  return events.map((event) => {
    const details = detailsOf(event);
    const named = typeof details?.name === "string" && /State(Entered|Exited)$/.test(event.type) ? (details.name as string) : undefined;
    const stateName = named ?? stateOf.get(event.previousEventId) ?? null;
    stateOf.set(event.id, event.type.endsWith("StateExited") ? null : stateName);
    return [
      event.id,
      event.previousEventId,
      dateValue(event.timestamp, provider),
      event.type,
      named ?? stateName,
      details === undefined ? null : (jsonText(details) ?? null),
    ];
  });
}

/** Whether a stored execution is the one being ingested (then nothing is written). */
export function sameState(stored: ExecutionRows["state"], rows: ExecutionRows): boolean {
  return (
    stored.status === rows.state.status &&
    Number(stored.redriveCount) === rows.state.redriveCount &&
    Number(stored.eventCount) === rows.state.eventCount &&
    (stored.incomplete ?? null) === rows.state.incomplete
  );
}

/** A new row id in cuid's shape (what Prisma's @default(cuid()) gave): time-ordered, unique across processes. */
export function newId(): string {
  counter = (counter + 1) % 1_679_616;
  const time = Date.now().toString(36).padStart(8, "0");
  const random = randomBytes(8).readBigUInt64BE().toString(36).padStart(13, "0").slice(-12);
  return `c${time}${counter.toString(36).padStart(4, "0")}${random}`;
}
let counter = Math.floor(Math.random() * 1_679_616);
