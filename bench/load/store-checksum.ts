import { createHash } from "node:crypto";
import type { Db } from "../../lib/db/client";

export interface StoreFingerprint {
  stateMachines: number;
  versions: number;
  executions: number;
  events: number;
  stateRuns: number;
  /** executions whose eventCount differs from their HistoryEvent rows (a half-stored history) */
  mismatched: string[];
  /** sha256 over every execution (by ARN) and its events in order: ids, types, times, details */
  checksum: string;
}

/**
 * What a store holds, reduced to counts and one checksum, so a store built through crashes can be
 * compared with one built in a single clean run of the same sources.
 */
export async function fingerprintStore(db: Db): Promise<StoreFingerprint> {
  const [stateMachines, versions, events, stateRuns] = await Promise.all([
    db.stateMachine.count(),
    db.stateMachineVersion.count(),
    db.historyEvent.count(),
    db.stateRun.count(),
  ]);
  const executions = await db.execution.findMany({
    select: { id: true, executionArn: true, status: true, eventCount: true, _count: { select: { events: true, stateRuns: true } } },
    orderBy: { executionArn: "asc" },
  });
  const hash = createHash("sha256");
  const mismatched: string[] = [];
  for (let i = 0; i < executions.length; i += 200) {
    const batch = executions.slice(i, i + 200);
    const rows = await db.historyEvent.findMany({
      where: { executionId: { in: batch.map((e) => e.id) } },
      select: { executionId: true, eventId: true, previousEventId: true, type: true, timestamp: true, details: true },
      orderBy: [{ executionId: "asc" }, { eventId: "asc" }],
    });
    const byExecution = new Map<string, typeof rows>();
    for (const row of rows) {
      const list = byExecution.get(row.executionId) ?? [];
      list.push(row);
      byExecution.set(row.executionId, list);
    }
    for (const e of batch) {
      if (e.eventCount !== e._count.events) mismatched.push(e.executionArn);
      hash.update(`${e.executionArn}|${e.status}|${e.eventCount}|${e._count.stateRuns}\n`);
      for (const ev of byExecution.get(e.id) ?? [])
        hash.update(`${ev.eventId}|${ev.previousEventId}|${ev.type}|${ev.timestamp.toISOString()}|${ev.details ?? ""}\n`);
    }
  }
  return { stateMachines, versions, executions: executions.length, events, stateRuns, mismatched, checksum: hash.digest("hex") };
}
