import type { Db } from "./client";

/** Every state machine with its versions, for filters and pickers. */
export async function listStateMachines(db: Db) {
  return db.stateMachine.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, arn: true, type: true, versions: { select: { id: true, number: true }, orderBy: { number: "asc" } } },
  });
}

export interface StateMachineTotals {
  id: string;
  name: string;
  type: string;
  versions: number;
  executions: number;
  /** FAILED, TIMED_OUT or ABORTED */
  failed: number;
}

/** The state machines page: each machine with its version, execution and failure counts. */
export async function stateMachineTotals(db: Db): Promise<StateMachineTotals[]> {
  const machines = await db.stateMachine.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, type: true, _count: { select: { executions: true, versions: true } } },
  });
  const failed = await db.execution.groupBy({
    by: ["stateMachineId"],
    where: { status: { in: ["FAILED", "TIMED_OUT", "ABORTED"] } },
    _count: { _all: true },
  });
  const failedBy = new Map(failed.map((f) => [f.stateMachineId, f._count._all]));
  return machines.map((m) => ({
    id: m.id,
    name: m.name,
    type: m.type,
    versions: m._count.versions,
    executions: m._count.executions,
    failed: failedBy.get(m.id) ?? 0,
  }));
}

/** True when no execution is stored at all (the list page then explains how to load some). */
export async function storeIsEmpty(db: Db): Promise<boolean> {
  return (await db.execution.findFirst({ select: { id: true } })) === null;
}
