import { failureSignatureOf, GROUPED_STATUSES } from "../history/failure-signature";
import type { Db } from "./client";
import { failureColumnsFromSignature } from "./failure-columns";
import { storedHistory } from "./history-json";

/**
 * The failure columns of every stored failed or timed-out execution, derived from its stored
 * history and definition the way saveExecution derives them at ingestion (migration
 * 20261205070000_failure_signature asks for it). Idempotent: each row is simply written again.
 */
export async function backfillFailureSignatures(db: Db, report: (line: string) => void): Promise<void> {
  let after = "";
  let count = 0;
  for (;;) {
    const page = await db.execution.findMany({
      where: { id: { gt: after }, status: { in: [...GROUPED_STATUSES] } },
      orderBy: { id: "asc" },
      take: 200,
      select: {
        id: true,
        stateMachine: { select: { arn: true } },
        status: true,
        error: true,
        cause: true,
        version: { select: { definition: true } },
      },
    });
    if (page.length === 0) break;
    for (const execution of page) {
      const events = await storedHistory(db, execution.id);
      const signature = failureSignatureOf({ ...execution, events, definition: execution.version?.definition ?? null });
      await db.execution.update({
        where: { id: execution.id },
        data: failureColumnsFromSignature(execution.stateMachine.arn, signature),
      });
    }
    count += page.length;
    after = page.at(-1)!.id;
    report(`failure signatures derived for ${count} executions`);
  }
}
