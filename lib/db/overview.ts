import { GROUPED_STATUSES } from "../history/failure-signature";
import type { MachineFigures, MachineOverview, RunningExecution } from "../model/failures";
import type { Db } from "./client";

export type { MachineFigures, MachineOverview, RunningExecution } from "../model/failures";

type Range = { since: Date; until: Date };

/** Executions that count: traffic, not replays (what-if runs), as on the over-time page. */
function inRange(range: Range, stateMachineId?: string) {
  return { startDate: { gte: range.since, lte: range.until }, source: { not: "replay" }, ...(stateMachineId ? { stateMachineId } : {}) };
}

async function p95(db: Db, range: Range, stateMachineId: string): Promise<number | null> {
  const where = { ...inRange(range, stateMachineId), durationMs: { not: null } };
  const finished = await db.execution.count({ where });
  if (finished === 0) return null;
  const rank = Math.ceil(0.95 * finished); // nearest rank, 1-based
  const row = await db.execution.findFirst({
    where,
    orderBy: [{ durationMs: "asc" }, { id: "asc" }],
    skip: rank - 1,
    select: { durationMs: true },
  });
  return row?.durationMs ?? null;
}

async function figures(db: Db, range: Range): Promise<Map<string, MachineFigures>> {
  const counts = await db.execution.groupBy({ by: ["stateMachineId", "status"], where: inRange(range), _count: { _all: true } });
  const byMachine = new Map<string, MachineFigures>();
  for (const c of counts) {
    const f = byMachine.get(c.stateMachineId) ?? { executions: 0, failed: 0, failureRate: null, p95DurationMs: null };
    f.executions += c._count._all;
    if ((GROUPED_STATUSES as readonly string[]).includes(c.status)) f.failed += c._count._all;
    byMachine.set(c.stateMachineId, f);
  }
  for (const [id, f] of byMachine) {
    f.failureRate = f.executions ? f.failed / f.executions : null;
    f.p95DurationMs = await p95(db, range, id);
  }
  return byMachine;
}

const EMPTY: MachineFigures = { executions: 0, failed: 0, failureRate: null, p95DurationMs: null };

/**
 * Per state machine with executions in either range: executions, failure rate and p95 duration in
 * `current` and in `previous` (the range before), busiest first. Counts are GROUP BYs; each p95 is
 * one count and one indexed-order read of a single row.
 */
export async function machineOverview(db: Db, current: Range, previous: Range): Promise<MachineOverview[]> {
  const [now, before] = [await figures(db, current), await figures(db, previous)];
  const ids = [...new Set([...now.keys(), ...before.keys()])];
  const names = new Map(
    (await db.stateMachine.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((m) => [m.id, m.name]),
  );
  return ids
    .map((id) => ({ id, name: names.get(id) ?? id, current: now.get(id) ?? EMPTY, previous: before.get(id) ?? EMPTY }))
    .sort((a, b) => b.current.executions - a.current.executions || a.name.localeCompare(b.name));
}

/** Executions still running (any start date), newest first, at most `take`, with how many there are. */
export async function runningExecutions(db: Db, take = 10): Promise<{ total: number; rows: RunningExecution[] }> {
  const where = { status: "RUNNING", source: { not: "replay" } };
  const [total, rows] = [
    await db.execution.count({ where }),
    await db.execution.findMany({
      where,
      orderBy: [{ startDate: "desc" }, { id: "desc" }],
      take,
      select: { id: true, name: true, startDate: true, stateMachine: { select: { name: true } } },
    }),
  ];
  return {
    total,
    rows: rows.map((r) => ({ id: r.id, name: r.name, stateMachine: r.stateMachine.name, startDate: r.startDate.toISOString() })),
  };
}
