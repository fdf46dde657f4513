import type { BatchDecision, StoredExecution } from "./batch-plan";
import type { ExecutionRows, SqlValue } from "./execution-rows";
import type { StateRunContribution } from "./over-time-buckets";
import type { PgQuery } from "./pg-statement-batch";

type Query = PgQuery;

/**
 * The batch's executions already stored, locked (FOR UPDATE, in ARN order) so two writers
 * replacing one execution take turns; two inserting it at once collide on its unique ARN and the
 * loser runs again (lib/db/retry-write.ts).
 */
export async function lockStored(
  q: Query,
  t: (name: string) => string,
  batch: readonly ExecutionRows[],
): Promise<Map<string, StoredExecution>> {
  const arns = [...new Set(batch.map((rows) => rows.executionArn))];
  const found = await q(
    `SELECT "id", "executionArn", "status", "redriveCount", "eventCount", "incomplete", "stateMachineId", "versionId", ${iso(`"startDate"`)}, "error", "durationMs", "source" ` +
      `FROM ${t("Execution")} WHERE "executionArn" = ANY($1::text[]) ORDER BY "executionArn" FOR UPDATE`,
    [arns],
  );
  const stored = new Map<string, StoredExecution>();
  for (const row of found.rows as Record<string, SqlValue>[]) {
    stored.set(row.executionArn as string, {
      id: row.id as string,
      state: {
        status: row.status as string,
        redriveCount: Number(row.redriveCount),
        eventCount: Number(row.eventCount),
        incomplete: row.incomplete as string | null,
      },
      contribution:
        row.source === "replay"
          ? null
          : {
              stateMachineId: row.stateMachineId as string,
              versionId: row.versionId as string | null,
              startDate: new Date(row.startDate as string),
              status: row.status as string,
              error: row.error as string | null,
              durationMs: row.durationMs === null ? null : Number(row.durationMs),
              redriveCount: Number(row.redriveCount),
              source: row.source as string,
            },
    });
  }
  return stored;
}

/** The state runs of the stored executions the batch replaces, by execution id (what their removal takes from the buckets). */
export async function storedRunsOf(
  q: Query,
  t: (name: string) => string,
  batch: readonly ExecutionRows[],
  decision: BatchDecision,
  stored: ReadonlyMap<string, StoredExecution>,
): Promise<Map<string, StateRunContribution[]>> {
  const ids = new Set<string>();
  for (const i of decision.written) {
    const old = stored.get(batch[i].executionArn);
    if (old?.contribution) ids.add(old.id);
  }
  const runs = new Map<string, StateRunContribution[]>();
  if (ids.size === 0) return runs;
  const found = await q(
    `SELECT "executionId", "stateMachineId", "versionId", "stateName", "stateType", ${iso(`"startDate"`)}, "attempts", "failed", "caught", "error" FROM ${t("StateRun")} WHERE "executionId" = ANY($1::text[])`,
    [[...ids]],
  );
  for (const { executionId, ...r } of found.rows as Record<string, unknown>[]) {
    const list = runs.get(executionId as string) ?? [];
    list.push({ ...r, startDate: new Date(r.startDate as string) } as StateRunContribution);
    runs.set(executionId as string, list);
  }
  return runs;
}

const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${column.replace(/"/g, "")}"`;
