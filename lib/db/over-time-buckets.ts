import { dateValue, providerOf, type Provider } from "./bulk-insert";
import type { Db } from "./client";
import { BINS_PER_DOUBLING, durationBin } from "../over-time/duration-bin";
import type { StateCounts } from "../over-time/bucket-rows";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Over-time pre-aggregates: Execution{Hour,Day}Bucket and State{Hour,Day}Bucket hold, per state
 * machine and UTC hour or day, the counts the over-time page charts. Every save adds an execution's contribution and
 * every replacement or prune subtracts the stored one, in the same transaction, so the buckets
 * always equal a GROUP BY over the stored rows (the migration's backfill, which tests compare
 * against). Replays are what-if runs and contribute nothing.
 * Durations are kept as a log histogram (duration-bin.ts).
 */
/** Both grains are kept: hours for the short ranges, days so 90 days read 24x fewer rows. */
export const GRAINS = {
  hour: { ms: 3_600_000, column: "hour", executions: "ExecutionHourBucket", states: "StateHourBucket" },
  day: { ms: 86_400_000, column: "day", executions: "ExecutionDayBucket", states: "StateDayBucket" },
} as const;
export type Grain = keyof typeof GRAINS;

export function bucketOf(date: Date, grain: Grain): Date {
  const ms = GRAINS[grain].ms;
  return new Date(Math.floor(date.getTime() / ms) * ms);
}

export interface ExecutionContribution {
  stateMachineId: string;
  versionId: string | null;
  startDate: Date;
  status: string;
  error: string | null;
  durationMs: number | null;
  redriveCount: number;
  source: string;
}

export interface StateRunContribution {
  stateMachineId: string;
  versionId: string | null;
  stateName: string;
  /** a Fail state fails by design: it counts as failed, never as flaky */
  stateType: string;
  startDate: Date;
  attempts: number;
  failed: boolean;
  caught: boolean;
  error: string | null;
}

interface ExecutionDelta {
  stateMachineId: string;
  /** start of the hour or day */
  at: Date;
  versionId: string;
  status: string;
  error: string;
  durationBin: number;
  executions: number;
  redrives: number;
}

interface StateDelta extends StateCounts {
  stateMachineId: string;
  at: Date;
  stateName: string;
  versionId: string;
  error: string;
}

/** Bucket deltas of executions (sign +1 to add, -1 to remove); replays are skipped. */
export function executionDeltas(executions: readonly ExecutionContribution[], sign: 1 | -1, grain: Grain = "hour"): ExecutionDelta[] {
  const out = new Map<string, ExecutionDelta>();
  for (const e of executions) {
    if (e.source === "replay") continue;
    const d = {
      stateMachineId: e.stateMachineId,
      at: bucketOf(e.startDate, grain),
      versionId: e.versionId ?? "",
      status: e.status,
      error: e.error ?? "",
      durationBin: durationBin(e.durationMs, e.status),
    };
    const key = [d.stateMachineId, d.at.getTime(), d.versionId, d.status, d.error, d.durationBin].join("\u0000");
    const row = out.get(key) ?? { ...d, executions: 0, redrives: 0 };
    row.executions += sign;
    row.redrives += sign * e.redriveCount;
    out.set(key, row);
  }
  return sortByKey([...out.entries()]);
}

/** Bucket deltas of state runs (of executions that are not replays). */
/** A run the "flakiest states" ranking counts: retried, failed or caught; a Fail state fails by design and never is. */
export function isFlaky(r: { attempts: number; failed: boolean; caught: boolean; stateType: string }): boolean {
  return r.stateType !== "Fail" && (r.attempts > 1 || r.failed || r.caught);
}

export function stateDeltas(runs: readonly StateRunContribution[], sign: 1 | -1, grain: Grain = "hour"): StateDelta[] {
  const out = new Map<string, StateDelta>();
  for (const r of runs) {
    const d = {
      stateMachineId: r.stateMachineId,
      at: bucketOf(r.startDate, grain),
      stateName: r.stateName,
      versionId: r.versionId ?? "",
      error: r.error ?? "",
    };
    const key = [d.stateMachineId, d.at.getTime(), d.stateName, d.versionId, d.error].join("\u0000");
    const row = out.get(key) ?? { ...d, runs: 0, retriedRuns: 0, retries: 0, failedRuns: 0, caughtRuns: 0, flakyRuns: 0 };
    row.runs += sign;
    if (r.attempts > 1) row.retriedRuns += sign;
    row.retries += sign * Math.max(0, r.attempts - 1);
    if (r.failed && !r.caught) row.failedRuns += sign;
    if (r.caught) row.caughtRuns += sign;
    if (isFlaky(r)) row.flakyRuns += sign;
    out.set(key, row);
  }
  return sortByKey([...out.entries()]);
}

/** Concurrent saves upsert bucket rows in one global order, so they wait on each other instead of deadlocking. */
function sortByKey<T>(entries: [string, T][]): T[] {
  return entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, v]) => v);
}

export const EXECUTION_KEY = ["stateMachineId", "at", "versionId", "status", "error", "durationBin"] as const;
export const EXECUTION_SUMS = ["executions", "redrives"] as const;
export const STATE_KEY = ["stateMachineId", "at", "stateName", "versionId", "error"] as const;
export const STATE_SUMS = ["runs", "retriedRuns", "retries", "failedRuns", "caughtRuns", "flakyRuns"] as const;

/**
 * Adds (sign 1) or removes (sign -1) executions and their state runs in the buckets of both
 * grains (upserts), then drops the buckets a removal emptied. Call inside the saving transaction.
 */
export async function applyContribution(
  tx: Tx | Db,
  schema: string | null,
  executions: readonly ExecutionContribution[],
  runs: readonly StateRunContribution[],
  sign: 1 | -1,
): Promise<void> {
  const provider = providerOf(tx);
  for (const grain of ["hour", "day"] as const) {
    const g = GRAINS[grain];
    const e = executionDeltas(executions, sign, grain);
    const s = stateDeltas(runs, sign, grain);
    await upsert(tx, provider, schema, g.executions, g.column, EXECUTION_KEY, EXECUTION_SUMS, e as unknown as Record<string, unknown>[]);
    await upsert(tx, provider, schema, g.states, g.column, STATE_KEY, STATE_SUMS, s as unknown as Record<string, unknown>[]);
    if (sign < 0) {
      await dropEmpty(tx, provider, schema, g.executions, g.column, "executions", e);
      await dropEmpty(tx, provider, schema, g.states, g.column, "runs", s);
    }
  }
}

function table(schema: string | null, name: string): string {
  return schema ? `"${schema.replace(/"/g, '""')}"."${name}"` : `"${name}"`;
}

function placeholders(provider: Provider, from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => (provider === "sqlite" ? "?" : `$${from + i + 1}`));
}

async function upsert(
  tx: Tx | Db,
  provider: Provider,
  schema: string | null,
  name: string,
  at: string,
  key: readonly string[],
  sums: readonly string[],
  rows: Record<string, unknown>[],
): Promise<void> {
  const columns = [...key, ...sums];
  const sqlName = (c: string) => `"${c === "at" ? at : c}"`;
  const perStatement = Math.floor((provider === "sqlite" ? 32_000 : 60_000) / columns.length);
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = placeholders(provider, values.length, columns.length);
      for (const c of columns) values.push(c === "at" ? dateValue(row.at as Date, provider) : row[c]);
      return `(${marks.join(", ")})`;
    });
    await tx.$executeRawUnsafe(
      `INSERT INTO ${table(schema, name)} (${columns.map(sqlName).join(", ")}) VALUES ${tuples.join(", ")} ` +
        `ON CONFLICT (${key.map(sqlName).join(", ")}) DO UPDATE SET ${sums.map((c) => `"${c}" = "${name}"."${c}" + excluded."${c}"`).join(", ")}`,
      ...values,
    );
  }
}

async function dropEmpty(
  tx: Tx | Db,
  provider: Provider,
  schema: string | null,
  name: string,
  at: string,
  count: string,
  removed: readonly { stateMachineId: string; at: Date }[],
): Promise<void> {
  const starts = new Map(removed.map((d) => [`${d.stateMachineId}\u0000${d.at.getTime()}`, d]));
  const pairs = [...starts.values()];
  for (let i = 0; i < pairs.length; i += 500) {
    const values: unknown[] = [];
    const ors = pairs.slice(i, i + 500).map((d) => {
      const [a, b] = placeholders(provider, values.length, 2);
      values.push(d.stateMachineId, dateValue(d.at, provider));
      return `("stateMachineId" = ${a} AND "${at}" = ${b})`;
    });
    await tx.$executeRawUnsafe(`DELETE FROM ${table(schema, name)} WHERE "${count}" <= 0 AND (${ors.join(" OR ")})`, ...values);
  }
}

/**
 * Subtracts the stored contribution of these executions (their row and their state runs), e.g.
 * before their history is replaced or they are deleted. Call inside the same transaction.
 */
export async function removeStoredContribution(tx: Tx, schema: string | null, executionIds: string[]): Promise<void> {
  if (executionIds.length === 0) return;
  const provider = providerOf(tx);
  if (provider === "postgresql") {
    // Two transactions replacing or pruning one execution at once must not both subtract its old
    // counts: lock the rows first, so the read below sees what the other one committed.
    await tx.$queryRawUnsafe(
      `SELECT "id" FROM ${table(schema, "Execution")} WHERE "id" IN (${placeholders(provider, 0, executionIds.length).join(", ")}) FOR UPDATE`,
      ...executionIds,
    );
  }
  const executions = await tx.execution.findMany({
    where: { id: { in: executionIds } },
    select: {
      id: true,
      stateMachineId: true,
      versionId: true,
      startDate: true,
      status: true,
      error: true,
      durationMs: true,
      redriveCount: true,
      source: true,
    },
  });
  const counted = executions.filter((e) => e.source !== "replay").map((e) => e.id);
  const runs = counted.length
    ? await tx.stateRun.findMany({
        where: { executionId: { in: counted } },
        select: {
          stateMachineId: true,
          versionId: true,
          stateName: true,
          stateType: true,
          startDate: true,
          attempts: true,
          failed: true,
          caught: true,
          error: true,
        },
      })
    : [];
  await applyContribution(tx, schema, executions, runs, -1);
}

/** Rebuilds the bucket tables from the stored rows (the migration's backfill), e.g. to repair them. */
export async function rebuildOverTimeBuckets(db: Db, schema: string | null): Promise<void> {
  const provider = providerOf(db);
  const bin =
    provider === "sqlite"
      ? `CAST(floor(log2(max("durationMs", 1)) * ${BINS_PER_DOUBLING}) AS INTEGER)`
      : `floor(log(2, greatest("durationMs", 1)::numeric) * ${BINS_PER_DOUBLING})::int`;
  const flag = (cond: string) => (provider === "sqlite" ? `sum(${cond})` : `count(*) FILTER (WHERE ${cond})`);
  const e = table(schema, "Execution");
  const r = table(schema, "StateRun");
  await db.$transaction(
    async (tx) => {
      for (const grain of ["hour", "day"] as const) {
        const g = GRAINS[grain];
        const start = (column: string) =>
          provider === "sqlite"
            ? grain === "hour"
              ? `substr(${column}, 1, 13) || ':00:00.000+00:00'`
              : `substr(${column}, 1, 10) || 'T00:00:00.000+00:00'`
            : `date_trunc('${grain}', ${column})`;
        await tx.$executeRawUnsafe(`DELETE FROM ${table(schema, g.executions)}`);
        await tx.$executeRawUnsafe(`DELETE FROM ${table(schema, g.states)}`);
        await tx.$executeRawUnsafe(
          `INSERT INTO ${table(schema, g.executions)} ("stateMachineId", "${g.column}", "versionId", "status", "error", "durationBin", "executions", "redrives")
         SELECT "stateMachineId", ${start(`"startDate"`)}, coalesce("versionId", ''), "status", coalesce("error", ''),
                CASE WHEN "durationMs" IS NULL OR "status" = 'RUNNING' THEN -1 ELSE ${bin} END, count(*), sum("redriveCount")
         FROM ${e} WHERE "source" <> 'replay' GROUP BY 1, 2, 3, 4, 5, 6`,
        );
        await tx.$executeRawUnsafe(
          `INSERT INTO ${table(schema, g.states)} ("stateMachineId", "${g.column}", "stateName", "versionId", "error", "runs", "retriedRuns", "retries", "failedRuns", "caughtRuns", "flakyRuns")
         SELECT r."stateMachineId", ${start(`r."startDate"`)}, r."stateName", coalesce(r."versionId", ''), coalesce(r."error", ''), count(*),
                ${flag(`r."attempts" > 1`)}, coalesce(sum(${provider === "sqlite" ? "max" : "greatest"}(r."attempts" - 1, 0)), 0),
                ${flag(`r."failed" AND NOT r."caught"`)}, ${flag(`r."caught"`)}, ${flag(`(r."attempts" > 1 OR r."failed" OR r."caught") AND r."stateType" <> 'Fail'`)}
         FROM ${r} r JOIN ${e} x ON x."id" = r."executionId" WHERE x."source" <> 'replay' GROUP BY 1, 2, 3, 4, 5`,
        );
      }
    },
    { timeout: 600_000 },
  );
}
