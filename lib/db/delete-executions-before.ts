import { pgSchemaOf, type Db } from "./client";
import { removeStoredContribution } from "./over-time-buckets";

export interface PruneResult {
  executions: number;
  events: number;
}

export interface PruneOptions {
  dryRun?: boolean;
  /** Executions deleted per transaction (default 500). */
  batchSize?: number;
  /** Called after each batch with the running totals. */
  onBatch?: (totals: PruneResult) => void;
}

/**
 * Deletes the executions that started before `cutoff`, in batches, with their history events and
 * state runs (the foreign keys cascade); replays of them keep existing, unlinked. A dry run only
 * counts. Returns what was (or would be) deleted.
 */
export async function deleteExecutionsBefore(db: Db, cutoff: Date, options: PruneOptions = {}): Promise<PruneResult> {
  const where = { startDate: { lt: cutoff } };
  if (options.dryRun) {
    const [executions, events] = await Promise.all([db.execution.count({ where }), db.historyEvent.count({ where: { execution: where } })]);
    return { executions, events };
  }
  const batchSize = options.batchSize ?? 500;
  const totals: PruneResult = { executions: 0, events: 0 };
  for (;;) {
    const ids = (await db.execution.findMany({ where, select: { id: true }, orderBy: { startDate: "asc" }, take: batchSize })).map(
      (row) => row.id,
    );
    if (ids.length === 0) return totals;
    const [events, deleted] = await db.$transaction(
      async (tx) => {
        const counted = await tx.historyEvent.count({ where: { executionId: { in: ids } } });
        // the over-time buckets lose what these executions added to them, in the same transaction
        await removeStoredContribution(tx, pgSchemaOf(db), ids);
        return [counted, await tx.execution.deleteMany({ where: { id: { in: ids } } })] as const;
      },
      { timeout: 120_000 },
    );
    totals.executions += deleted.count;
    totals.events += events;
    options.onBatch?.({ ...totals });
  }
}
