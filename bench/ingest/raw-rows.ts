import { createHash } from "node:crypto";
import { detailsOf } from "../../lib/asl/history/types";
import { deriveStateRuns } from "../../lib/history/derive-state-runs";
import { buildSearchText } from "../../lib/history/search-text";
import type { IngestedExecution } from "../../lib/ingest/types";

export type SqlValue = string | number | null;

/** The rows saveExecution writes for a batch of executions, as SQL parameter tuples. */
export interface RawRows {
  stateMachines: SqlValue[][];
  versions: SqlValue[][];
  executions: SqlValue[][];
  events: SqlValue[][];
  stateRuns: SqlValue[][];
}

/** How the Prisma better-sqlite3 adapter stores DateTime: ISO-8601 with `+00:00`. */
export function sqlDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

const ids = { next: 0 };
function newId(prefix: string): string {
  return `${prefix}${(++ids.next).toString(36).padStart(10, "0")}`;
}

/**
 * Builds the same rows saveExecution stores (state machine, version, execution with its search
 * text, one row per history event with its details JSON and state name, one per state run).
 * Column order matches the statements in raw-insert.ts.
 */
export function rawRows(executions: readonly IngestedExecution[]): RawRows {
  const rows: RawRows = { stateMachines: [], versions: [], executions: [], events: [], stateRuns: [] };
  const machines = new Map<string, string>();
  const versions = new Map<string, string>();
  const now = sqlDate(new Date());
  for (const execution of executions) {
    let machineId = machines.get(execution.stateMachineArn);
    if (!machineId) {
      machineId = newId("rsm");
      machines.set(execution.stateMachineArn, machineId);
      rows.stateMachines.push([
        machineId,
        execution.stateMachineArn,
        execution.stateMachineName,
        execution.type,
        execution.region ?? null,
        execution.accountId ?? null,
        now,
      ]);
    }
    let versionId: string | null = null;
    if (execution.definition) {
      const hash = createHash("sha256").update(execution.definition).digest("hex");
      versionId = versions.get(`${machineId}:${hash}`) ?? null;
      if (!versionId) {
        versionId = newId("rsv");
        versions.set(`${machineId}:${hash}`, versionId);
        const number = [...versions.keys()].filter((k) => k.startsWith(`${machineId}:`)).length;
        rows.versions.push([versionId, machineId, hash, number, execution.definition, null, null, now]);
      }
    }
    const id = newId("rex");
    const durationMs = execution.stopDate ? execution.stopDate.getTime() - execution.startDate.getTime() : null;
    const searchText = buildSearchText(
      execution.name,
      [execution.input, execution.output, execution.error, execution.cause],
      execution.events,
    );
    rows.executions.push([
      id,
      execution.executionArn,
      execution.name,
      machineId,
      versionId,
      execution.type,
      execution.status,
      sqlDate(execution.startDate),
      execution.stopDate ? sqlDate(execution.stopDate) : null,
      durationMs,
      execution.input,
      execution.output,
      execution.error,
      execution.cause,
      execution.redriveCount,
      execution.source,
      execution.region ?? null,
      execution.accountId ?? null,
      execution.incomplete ?? null,
      execution.events.length,
      execution.parentExecutionArn ?? null,
      execution.mapRunArn ?? null,
      searchText,
      now,
      now,
    ]);
    const stateOf = new Map<number, string | null>();
    for (const event of execution.events) {
      const details = detailsOf(event);
      const named = typeof details?.name === "string" && /State(Entered|Exited)$/.test(event.type) ? (details.name as string) : undefined;
      const stateName = named ?? stateOf.get(event.previousEventId) ?? null;
      stateOf.set(event.id, event.type.endsWith("StateExited") ? null : stateName);
      rows.events.push([
        id,
        event.id,
        event.previousEventId,
        sqlDate(event.timestamp),
        event.type,
        stateName,
        details === undefined ? null : JSON.stringify(details),
      ]);
    }
    for (const run of deriveStateRuns(execution.events)) {
      rows.stateRuns.push([
        id,
        machineId,
        versionId,
        run.stateName,
        run.stateType,
        sqlDate(run.startDate),
        run.stopDate ? run.stopDate.getTime() - run.startDate.getTime() : null,
        run.attempts,
        run.failed ? 1 : 0,
        run.caught ? 1 : 0,
        run.error,
      ]);
    }
  }
  return rows;
}
