import type { ExecutionRow, StateRunRow } from "../model/execution";
import { dateValue, providerOf } from "./bulk-insert";
import { pgSchemaOf, type Db } from "./client";
import { bucketOf, GRAINS, type Grain } from "./over-time-buckets";
import type { ExecutionBucketRow, OverTimeBuckets, StateBucketRow } from "../over-time/bucket-rows";

export interface OverTimeQuery {
  stateMachineId: string;
  from: Date;
  to: Date;
  /** only this state's runs */
  stateName?: string;
}

/**
 * The window of the last `days` days the over-time page shows: it ends now, or at the machine's
 * latest start when that lies in the future (clock skew between an AWS account and this host).
 */
export async function overTimeWindow(db: Db, stateMachineId: string, days: number, now = new Date()): Promise<{ from: Date; to: Date }> {
  const latest = await db.execution.findFirst({ where: { stateMachineId }, orderBy: { startDate: "desc" }, select: { startDate: true } });
  const to = new Date(Math.max(now.getTime(), latest?.startDate.getTime() ?? 0));
  return { from: new Date(to.getTime() - days * 86_400_000), to };
}

/** The compact execution rows the over-time charts bucket (one per execution in range). */
export async function executionRows(db: Db, q: OverTimeQuery): Promise<ExecutionRow[]> {
  const rows = await db.execution.findMany({
    // replays are what-if runs, not production traffic: they stay out of the over-time figures
    where: { stateMachineId: q.stateMachineId, startDate: { gte: q.from, lte: q.to }, source: { not: "replay" } },
    select: { startDate: true, status: true, durationMs: true, error: true, redriveCount: true, version: { select: { number: true } } },
  });
  return rows.map((r) => ({
    startDate: r.startDate.toISOString(),
    status: r.status,
    durationMs: r.durationMs,
    error: r.error,
    version: r.version ? `v${r.version.number}` : null,
    redriveCount: r.redriveCount,
  }));
}

export async function stateRunRows(db: Db, q: OverTimeQuery): Promise<StateRunRow[]> {
  const rows = await db.stateRun.findMany({
    where: {
      stateMachineId: q.stateMachineId,
      startDate: { gte: q.from, lte: q.to },
      execution: { source: { not: "replay" } },
      ...(q.stateName ? { stateName: q.stateName } : {}),
    },
    select: { stateName: true, stateType: true, startDate: true, attempts: true, failed: true, caught: true, error: true },
  });
  // StateRunRow.failed means "failed and nothing caught it"
  return rows.map((r) => ({ ...r, failed: r.failed && !r.caught, startDate: r.startDate.toISOString() }));
}

export interface StateVersionCell {
  version: number | null;
  runs: number;
  retriedRuns: number;
  retries: number;
  failed: number;
  caught: number;
}

export interface StateByVersion {
  stateName: string;
  cells: StateVersionCell[];
  /** the version whose retry rate rose most over the version before it, when one did */
  retriesJumpedIn: number | null;
}

/**
 * Per state and definition version: runs, retried runs, retries, failures and catches; from the
 * hour buckets for ranges up to a week (whole hours), the day buckets beyond (whole days).
 */
export async function stateVersionMatrix(
  db: Db,
  q: OverTimeQuery,
): Promise<{ versions: { id: string; number: number }[]; states: StateByVersion[] }> {
  const grain: Grain = q.to.getTime() - q.from.getTime() <= 7 * 86_400_000 ? "hour" : "day";
  const [rows, versions] = await Promise.all([
    bucketQuery<{
      stateName: string;
      versionId: string;
      runs: number;
      retriedRuns: number;
      retries: number;
      failedRuns: number;
      caughtRuns: number;
    }>(
      db,
      (t) =>
        `SELECT "stateName", "versionId", ${sums(["runs", "retriedRuns", "retries", "failedRuns", "caughtRuns"])} FROM ${t(GRAINS[grain].states)} WHERE ${range(grain)} GROUP BY "stateName", "versionId"`,
      q,
      grain,
    ),
    db.stateMachineVersion.findMany({
      where: { stateMachineId: q.stateMachineId },
      select: { id: true, number: true },
      orderBy: { number: "asc" },
    }),
  ]);
  const numberOf = new Map(versions.map((v) => [v.id, v.number]));
  const byState = new Map<string, StateVersionCell[]>();
  for (const r of rows) {
    const cells = byState.get(r.stateName) ?? [];
    cells.push({
      version: r.versionId ? (numberOf.get(r.versionId) ?? null) : null,
      runs: r.runs,
      retriedRuns: r.retriedRuns,
      retries: r.retries,
      failed: r.failedRuns,
      caught: r.caughtRuns,
    });
    byState.set(r.stateName, cells);
  }
  const states = [...byState.entries()].map(([stateName, cells]) => {
    cells.sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
    return { stateName, cells, retriesJumpedIn: jump(cells) };
  });
  states.sort((a, b) => total(b) - total(a) || a.stateName.localeCompare(b.stateName));
  return { versions, states };
}

/**
 * The over-time aggregates for one state machine, by day or hour, read from the day or hour
 * buckets (a few hundred rows for 90 days, however many executions ran); duration percentiles are
 * computed in SQL from the histograms. The range is widened to whole buckets: the day (hour)
 * holding `from` counts whole.
 */
export async function overTimeBuckets(db: Db, q: OverTimeQuery, granularity: "day" | "hour"): Promise<OverTimeBuckets> {
  const sqlite = providerOf(db) === "sqlite";
  const g = GRAINS[granularity];
  const at = `"${g.column}"`;
  const done = `"durationBin" >= 0 AND "status" <> 'RUNNING'`;
  // nearest rank over the histogram: the first bin whose running count reaches ceil(p * total)
  const percentiles = (by: string, table: string) =>
    `SELECT "k", min(CASE WHEN "cum" >= ceil(0.5 * "total") THEN "durationBin" END) AS "p50Bin", min(CASE WHEN "cum" >= ceil(0.95 * "total") THEN "durationBin" END) AS "p95Bin"
     FROM (SELECT "k", "durationBin", sum("n") OVER (PARTITION BY "k" ORDER BY "durationBin") AS "cum", sum("n") OVER (PARTITION BY "k") AS "total"
           FROM (SELECT ${by} AS "k", "durationBin", sum("executions") AS "n" FROM ${table} WHERE ${range(granularity)} AND ${done} GROUP BY 1, 2) h) c
     GROUP BY "k"`;
  const [executions, states, durations, versionDurations, versions] = await Promise.all([
    bucketQuery<Omit<ExecutionBucketRow, "version" | "error"> & { versionId: string; error: string }>(
      db,
      (t) =>
        `SELECT ${at} AS "bucket", "versionId", "status", "error", ${sums(["executions", "redrives"])} FROM ${t(g.executions)} WHERE ${range(granularity)} GROUP BY 1, 2, 3, 4`,
      q,
      granularity,
    ),
    bucketQuery<Omit<StateBucketRow, "error"> & { error: string }>(
      db,
      // the table's grain is the chart's: rows are read as they are; the chart preparation sums over versions
      (t) =>
        `SELECT ${at} AS "bucket", "stateName", "error", "runs", "retriedRuns", "retries", "failedRuns", "caughtRuns", "flakyRuns" FROM ${t(g.states)} WHERE ${range(granularity)}${q.stateName ? ` AND "stateName" = ${sqlite ? "?" : "$4"}` : ""}`,
      q,
      granularity,
    ),
    bucketQuery<{ k: string; p50Bin: number; p95Bin: number }>(db, (t) => percentiles(at, t(g.executions)), q, granularity),
    bucketQuery<{ k: string; p50Bin: number; p95Bin: number }>(db, (t) => percentiles(`"versionId"`, t(g.executions)), q, granularity),
    db.stateMachineVersion.findMany({ where: { stateMachineId: q.stateMachineId }, select: { id: true, number: true } }),
  ]);
  const numbers = new Map(versions.map((v) => [v.id, `v${v.number}`]));
  const label = (id: string) => (id ? (numbers.get(id) ?? null) : null);
  return {
    executions: executions.map(({ versionId, error, ...r }) => ({ ...r, version: label(versionId), error: error || null })),
    states: states.map((r) => ({ ...r, error: r.error || null })),
    durations: durations.map((r) => ({ bucket: new Date(r.k as string | Date).toISOString(), p50Bin: r.p50Bin, p95Bin: r.p95Bin })),
    versionDurations: versionDurations.map((r) => ({ version: label(r.k), p50Bin: r.p50Bin, p95Bin: r.p95Bin })),
  };
}

const range = (grain: Grain) => `"stateMachineId" = $1 AND "${GRAINS[grain].column}" >= $2 AND "${GRAINS[grain].column}" <= $3`;

function sums(columns: string[]): string {
  return columns.map((c) => `CAST(sum("${c}") AS INTEGER) AS "${c}"`).join(", ");
}

/** Runs a bucket query with the machine, the hour range and the state (when given) bound. */
async function bucketQuery<T>(db: Db, sql: (table: (name: string) => string) => string, q: OverTimeQuery, grain: Grain): Promise<T[]> {
  const provider = providerOf(db);
  const schema = pgSchemaOf(db);
  const table = (name: string) => (schema ? `"${schema.replace(/"/g, '""')}"."${name}"` : `"${name}"`);
  let text = sql(table);
  if (provider === "sqlite") text = text.replace(/\$[1-3]\b/g, "?");
  const params: unknown[] = [q.stateMachineId, dateValue(bucketOf(q.from, grain), provider), dateValue(q.to, provider)];
  if (q.stateName && text.includes(provider === "sqlite" ? `"stateName" = ?` : "$4")) params.push(q.stateName);
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params);
  // SQLite hands back integers as bigint when large; counts here fit in a number
  // (a bucket start comes back as a Date or as SQLite's text)
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        typeof v === "bigint" ? Number(v) : k === "bucket" ? new Date(v as string | Date).toISOString() : v,
      ]),
    ),
  ) as T[];
}

function total(s: StateByVersion): number {
  return s.cells.reduce((n, c) => n + c.retries + c.failed + c.caught, 0);
}

/** The version with the largest rise in retried-run rate over the version before it (>= 10 points). */
export function jump(cells: StateVersionCell[]): number | null {
  const rate = (c: StateVersionCell) => (c.runs ? c.retriedRuns / c.runs : 0);
  let best: number | null = null;
  let bestRise = 0.1;
  for (let i = 1; i < cells.length; i++) {
    const rise = rate(cells[i]) - rate(cells[i - 1]);
    if (cells[i].version !== null && rise >= bestRise) {
      best = cells[i].version;
      bestRise = rise;
    }
  }
  return best;
}

export async function stateMachineSummary(db: Db, id: string) {
  return db.stateMachine.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      arn: true,
      type: true,
      versions: { select: { id: true, number: true, createdAt: true, definition: true }, orderBy: { number: "asc" } },
    },
  });
}
