import { GROUPED_STATUSES } from "../history/failure-signature";
import type { FailureGroup, FailureGroups, FailureSample } from "../model/failures";
import type { Db } from "./client";

export type { FailureGroup, FailureGroups, FailureSample } from "../model/failures";

export interface FailureGroupQuery {
  /** only this state machine's executions (its id) */
  stateMachineId?: string;
  since: Date;
  until: Date;
  /** sparkline points across [since, until] (default 24) */
  buckets?: number;
  /** sample executions per group, newest first (default 20) */
  samples?: number;
  /** only the largest `top` groups (the overview's) */
  top?: number;
  /** how samples are read (default: by the number of groups; tests force each) */
  sampleReads?: "per-group" | "scan";
}

/** The executions a group counts: failed or timed out, in range, not replays (what-if runs are not traffic). */
function groupedWhere(q: { stateMachineId?: string; since: Date; until: Date }) {
  return {
    status: { in: [...GROUPED_STATUSES] },
    startDate: { gte: q.since, lte: q.until },
    source: { not: "replay" },
    failureKey: { not: null },
    ...(q.stateMachineId ? { stateMachineId: q.stateMachineId } : {}),
  };
}

/**
 * Failed and timed-out executions grouped by their failure signature (failureKey, set at ingestion
 * by failure-columns.ts), largest group first. Every such execution in range is in exactly one
 * group. Reads grouped counts from the database, never every execution: one GROUP BY for the
 * groups, one per sparkline bucket, one for versions, one small indexed read per group for samples.
 */
export async function failureGroups(db: Db, q: FailureGroupQuery): Promise<FailureGroups> {
  const where = groupedWhere(q);
  const rows = await db.execution.groupBy({
    by: ["stateMachineId", "failureKey", "failureState", "failureError", "failureCause"],
    where,
    _count: { _all: true },
    _min: { startDate: true },
    _max: { startDate: true },
  });
  const bucketCount = Math.max(1, Math.min(q.buckets ?? 24, 200));
  const span = Math.max(1, q.until.getTime() - q.since.getTime());
  const bucketStarts = Array.from({ length: bucketCount }, (_, i) => new Date(q.since.getTime() + Math.floor((span * i) / bucketCount)));
  const series = new Map<string, number[]>();
  const versions = new Map<string, Set<string | null>>();
  if (rows.length > 0) {
    for (const [i, start] of bucketStarts.entries()) {
      const end = bucketStarts[i + 1];
      const counts = await db.execution.groupBy({
        by: ["failureKey"],
        where: { ...where, startDate: end ? { gte: start, lt: end } : { gte: start, lte: q.until } },
        _count: { _all: true },
      });
      for (const c of counts) {
        const line = series.get(c.failureKey!) ?? new Array<number>(bucketCount).fill(0);
        line[i] = c._count._all;
        series.set(c.failureKey!, line);
      }
    }
    for (const v of await db.execution.groupBy({ by: ["failureKey", "versionId"], where })) {
      const set = versions.get(v.failureKey!) ?? new Set();
      set.add(v.versionId);
      versions.set(v.failureKey!, set);
    }
  }
  const versionIds = [...new Set([...versions.values()].flatMap((s) => [...s]))].filter((id): id is string => id !== null);
  const numberOf = new Map(
    (await db.stateMachineVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, number: true } })).map((v) => [
      v.id,
      v.number,
    ]),
  );
  const machines = new Map(
    (
      await db.stateMachine.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.stateMachineId))] } },
        select: { id: true, name: true },
      })
    ).map((m) => [m.id, m]),
  );
  const sorted = [...rows].sort(
    (a, b) =>
      b._count._all - a._count._all ||
      b._max.startDate!.getTime() - a._max.startDate!.getTime() ||
      a.failureKey!.localeCompare(b.failureKey!),
  );
  const chosen = q.top === undefined ? sorted : sorted.slice(0, q.top);
  const keys = chosen.map((r) => r.failureKey!);
  const perGroup = q.sampleReads ? q.sampleReads === "per-group" : keys.length <= PER_GROUP_READS;
  const samplesOf = await sampleExecutions(db, where, keys, q.samples ?? 20, perGroup);
  const groups: FailureGroup[] = chosen.map((row) => {
    const key = row.failureKey!;
    const samples = samplesOf.get(key) ?? [];
    return {
      key,
      stateMachine: machines.get(row.stateMachineId) ?? { id: row.stateMachineId, name: row.stateMachineId },
      state: row.failureState,
      error: row.failureError,
      cause: row.failureCause,
      count: row._count._all,
      firstSeen: row._min.startDate!.toISOString(),
      lastSeen: row._max.startDate!.toISOString(),
      versions: [...(versions.get(key) ?? [])]
        .map((id) => (id === null ? null : (numberOf.get(id) ?? null)))
        .sort((a, b) => (a ?? -1) - (b ?? -1)),
      executionIds: samples.map((s) => s.id),
      samples,
      series: series.get(key) ?? new Array<number>(bucketCount).fill(0),
    };
  });
  return { since: q.since.toISOString(), until: q.until.toISOString(), bucketStarts: bucketStarts.map((d) => d.toISOString()), groups };
}

/** Up to this many groups, each group's samples are one indexed read; beyond, one read of the range's failures is cheaper. */
const PER_GROUP_READS = 50;

/** The newest `take` executions of each group, newest first. */
async function sampleExecutions(
  db: Db,
  where: ReturnType<typeof groupedWhere>,
  keys: string[],
  take: number,
  perGroup: boolean,
): Promise<Map<string, FailureSample[]>> {
  const select = { id: true, name: true, status: true, startDate: true, failureKey: true } as const;
  const orderBy = [{ startDate: "desc" as const }, { id: "desc" as const }];
  const rows = perGroup
    ? (await Promise.all(keys.map((key) => db.execution.findMany({ where: { ...where, failureKey: key }, orderBy, take, select })))).flat()
    : await db.execution.findMany({ where, orderBy, select });
  const byKey = new Map<string, FailureSample[]>(keys.map((k) => [k, []]));
  for (const row of rows) {
    const list = byKey.get(row.failureKey!);
    if (list && list.length < take) list.push({ id: row.id, name: row.name, status: row.status, startDate: row.startDate.toISOString() });
  }
  return byKey;
}

/** Every execution of one group in range, oldest first, at most `limit` (what-if replays them all). */
export async function failureGroupExecutionIds(
  db: Db,
  key: string,
  q: { stateMachineId?: string; since: Date; until: Date },
  limit = 500,
): Promise<string[]> {
  const rows = await db.execution.findMany({
    where: { ...groupedWhere(q), failureKey: key },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
