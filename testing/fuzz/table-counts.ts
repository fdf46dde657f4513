import type { Db } from "../../lib/db/client";

/** Row counts of the tables an import writes, to prove a failed import left nothing behind. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const [stateMachines, versions, executions, events, stateRuns] = await Promise.all([
    db.stateMachine.count(),
    db.stateMachineVersion.count(),
    db.execution.count(),
    db.historyEvent.count(),
    db.stateRun.count(),
  ]);
  return { stateMachines, versions, executions, events, stateRuns };
}
