import type { ExecutionRow, StateRunRow } from "../model/execution";
import type { Db } from "./client";

export interface OverTimeQuery {
  stateMachineId: string;
  from: Date;
  to: Date;
  /** only this state's runs */
  stateName?: string;
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
    where: { stateMachineId: q.stateMachineId, startDate: { gte: q.from, lte: q.to }, execution: { source: { not: "replay" } }, ...(q.stateName ? { stateName: q.stateName } : {}) },
    select: { stateName: true, startDate: true, attempts: true, failed: true, caught: true, error: true },
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

/** Per state and definition version: runs, retried runs, retries, failures and catches. */
export async function stateVersionMatrix(db: Db, q: OverTimeQuery): Promise<{ versions: { id: string; number: number }[]; states: StateByVersion[] }> {
  const where = { stateMachineId: q.stateMachineId, startDate: { gte: q.from, lte: q.to }, execution: { source: { not: "replay" } } };
  const [all, retried, failed, caught, versions] = await Promise.all([
    db.stateRun.groupBy({ by: ["stateName", "versionId"], where, _count: { _all: true }, _sum: { attempts: true } }),
    db.stateRun.groupBy({ by: ["stateName", "versionId"], where: { ...where, attempts: { gt: 1 } }, _count: { _all: true } }),
    db.stateRun.groupBy({ by: ["stateName", "versionId"], where: { ...where, failed: true, caught: false }, _count: { _all: true } }),
    db.stateRun.groupBy({ by: ["stateName", "versionId"], where: { ...where, caught: true }, _count: { _all: true } }),
    db.stateMachineVersion.findMany({ where: { stateMachineId: q.stateMachineId }, select: { id: true, number: true }, orderBy: { number: "asc" } }),
  ]);
  const numberOf = new Map(versions.map((v) => [v.id, v.number]));
  const key = (s: string, v: string | null) => `${s}\u0000${v ?? ""}`;
  const count = (rows: { stateName: string; versionId: string | null; _count: { _all: number } }[]) => new Map(rows.map((r) => [key(r.stateName, r.versionId), r._count._all]));
  const retriedBy = count(retried);
  const failedBy = count(failed);
  const caughtBy = count(caught);
  const byState = new Map<string, StateVersionCell[]>();
  for (const r of all) {
    const k = key(r.stateName, r.versionId);
    const cells = byState.get(r.stateName) ?? [];
    cells.push({
      version: r.versionId ? numberOf.get(r.versionId) ?? null : null,
      runs: r._count._all,
      retriedRuns: retriedBy.get(k) ?? 0,
      retries: (r._sum.attempts ?? 0) - r._count._all,
      failed: failedBy.get(k) ?? 0,
      caught: caughtBy.get(k) ?? 0,
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
    select: { id: true, name: true, arn: true, type: true, versions: { select: { id: true, number: true, createdAt: true, definition: true }, orderBy: { number: "asc" } } },
  });
}
