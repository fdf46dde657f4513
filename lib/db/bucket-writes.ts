import { dateValue, type Provider } from "./bulk-insert";
import type { SqlValue } from "./execution-rows";
import {
  EXECUTION_KEY,
  EXECUTION_SUMS,
  executionDeltas,
  GRAINS,
  STATE_KEY,
  STATE_SUMS,
  stateDeltas,
  type ExecutionContribution,
  type StateRunContribution,
} from "./over-time-buckets";

/**
 * The over-time bucket changes of one save (lib/db/over-time-buckets.ts explains the buckets) as
 * plain rows and SQL, for the driver-level writers: the same upserts applyContribution sends
 * through Prisma, and after a removal the same deletes of emptied buckets.
 */
export interface BucketWrite {
  table: string;
  /** the bucket column ("hour" or "day") */
  at: string;
  key: readonly string[];
  sums: readonly string[];
  /** the count that, at 0, means the bucket is empty */
  count: string;
  rows: SqlValue[][];
  /** (stateMachineId, bucket start) of every row, for dropping buckets a removal emptied */
  starts: [string, string][];
}

export function bucketWrites(
  executions: readonly ExecutionContribution[],
  runs: readonly StateRunContribution[],
  sign: 1 | -1,
  provider: Provider,
): BucketWrite[] {
  const out: BucketWrite[] = [];
  for (const grain of ["hour", "day"] as const) {
    const g = GRAINS[grain];
    const e = executionDeltas(executions, sign, grain) as unknown as Record<string, unknown>[];
    const s = stateDeltas(runs, sign, grain) as unknown as Record<string, unknown>[];
    out.push(write(g.executions, g.column, EXECUTION_KEY, EXECUTION_SUMS, "executions", e, provider));
    out.push(write(g.states, g.column, STATE_KEY, STATE_SUMS, "runs", s, provider));
  }
  return out.filter((w) => w.rows.length > 0);
}

function write(
  table: string,
  at: string,
  key: readonly string[],
  sums: readonly string[],
  count: string,
  deltas: Record<string, unknown>[],
  provider: Provider,
): BucketWrite {
  const columns = [...key, ...sums];
  const rows = deltas.map((d) => columns.map((c) => (c === "at" ? dateValue(d.at as Date, provider) : (d[c] as SqlValue))));
  const starts = new Map(deltas.map((d) => [`${String(d.stateMachineId)}\u0000${(d.at as Date).getTime()}`, d]));
  return {
    table,
    at,
    key,
    sums,
    count,
    rows,
    starts: [...starts.values()].map((d) => [d.stateMachineId as string, dateValue(d.at as Date, provider)]),
  };
}

/**
 * The added and removed bucket writes of a whole batch as one write per table: rows of one bucket
 * summed (so a statement upserts each bucket once), rows that sum to nothing left out, in one
 * order of keys (concurrent writers wait on each other instead of deadlocking). Its `starts` are
 * the removal's: after the upserts, the buckets there that ended up empty are dropped, which
 * leaves what removing and adding one save after another leaves.
 */
export function netBucketWrites(added: readonly BucketWrite[], removed: readonly BucketWrite[]): BucketWrite[] {
  const byTable = new Map<string, { write: BucketWrite; rows: Map<string, SqlValue[]>; starts: Map<string, [string, string]> }>();
  for (const w of [...added, ...removed]) {
    let entry = byTable.get(w.table);
    if (!entry) byTable.set(w.table, (entry = { write: w, rows: new Map(), starts: new Map() }));
    for (const row of w.rows) {
      const key = JSON.stringify(row.slice(0, w.key.length));
      const sum = entry.rows.get(key);
      if (!sum) entry.rows.set(key, [...row]);
      else for (let c = w.key.length; c < row.length; c++) sum[c] = Number(sum[c]) + Number(row[c]);
    }
  }
  for (const w of removed) {
    for (const start of w.starts) byTable.get(w.table)!.starts.set(JSON.stringify(start), start);
  }
  // tables in one order too
  const tables = [...byTable.values()].sort((a, b) => (a.write.table < b.write.table ? -1 : 1));
  return tables.map(({ write, rows, starts }) => ({
    ...write,
    rows: [...rows.entries()]
      .filter(([, row]) => row.slice(write.key.length).some((v) => v !== 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row),
    starts: [...starts.values()],
  }));
}

function qualified(schema: string | null, name: string): string {
  return schema ? `"${schema.replace(/"/g, '""')}"."${name}"` : `"${name}"`;
}

/** INSERT ... ON CONFLICT DO UPDATE adding the sums, for `rowCount` rows (`?` or `$n` marks). */
export function upsertSql(w: BucketWrite, provider: Provider, schema: string | null, rowCount: number): string {
  const columns = [...w.key, ...w.sums];
  const name = (c: string) => `"${c === "at" ? w.at : c}"`;
  return (
    `INSERT INTO ${qualified(schema, w.table)} (${columns.map(name).join(", ")}) VALUES ${tuples(provider, rowCount, columns.length)} ` +
    `ON CONFLICT (${w.key.map(name).join(", ")}) DO UPDATE SET ${w.sums.map((c) => `"${c}" = "${w.table}"."${c}" + excluded."${c}"`).join(", ")}`
  );
}

/** Deletes the one bucket at (stateMachineId, start) when a removal left it empty. */
export function dropEmptySql(w: BucketWrite, provider: Provider, schema: string | null): string {
  const [a, b] = provider === "sqlite" ? ["?", "?"] : ["$1", "$2"];
  return `DELETE FROM ${qualified(schema, w.table)} WHERE "${w.count}" <= 0 AND "stateMachineId" = ${a} AND "${w.at}" = ${b}`;
}

/** Deletes, at `count` (stateMachineId, bucket start) pairs, the buckets a removal left empty (PostgreSQL's `$n` marks). */
export function dropEmptiedSqlPg(w: BucketWrite, schema: string | null, count: number): string {
  return `DELETE FROM ${qualified(schema, w.table)} WHERE "${w.count}" <= 0 AND ("stateMachineId", "${w.at}") IN (${tuples("postgresql", count, 2)})`;
}

/** `(?, ?), (?, ?)` or `($1, $2), ($3, $4)`: the VALUES of a multi-row statement. */
export function tuples(provider: Provider, rows: number, columns: number): string {
  const out: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const marks: string[] = [];
    for (let c = 0; c < columns; c++) marks.push(provider === "sqlite" ? "?" : `$${++n}`);
    out.push(`(${marks.join(", ")})`);
  }
  return out.join(", ");
}

export { qualified as qualifiedTable };
