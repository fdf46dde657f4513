import { groupStateRuns } from "../history/group-state-runs";
import { stateRunRows } from "../history/derive-state-runs";
import { backfillFailureSignatures } from "./backfill-failure-signatures";
import { providerOf } from "./bulk-insert";
import { pgSchemaOf, type Db } from "./client";
import { storedHistory } from "./history-json";
import { rebuildOverTimeBuckets } from "./over-time-buckets";
import { insertStateRuns } from "./state-run-rows";

/**
 * Data backfills a migration asks for: the migration inserts a row into "DataBackfill" (SQL alone
 * cannot re-derive rows from histories) and the next `statelens migrate` / `serve` / CLI command
 * runs it here, then marks it done. Each backfill is idempotent, so two processes starting at once
 * only do the work twice.
 */
const BACKFILLS: Record<string, (db: Db, report: (line: string) => void) => Promise<void>> = {
  "state-runs-failure-rule": rederiveStateRuns,
  "failure-signatures": backfillFailureSignatures,
};

export async function runPendingBackfills(db: Db, report: (line: string) => void = () => undefined): Promise<string[]> {
  const pending = await db.dataBackfill.findMany({ where: { doneAt: null }, orderBy: { name: "asc" } });
  const done: string[] = [];
  for (const { name } of pending) {
    const run = BACKFILLS[name];
    if (!run) throw new Error(`the store asks for a data backfill "${name}" this version of statelens does not know; upgrade statelens`);
    await run(db, report);
    await db.dataBackfill.update({ where: { name }, data: { doneAt: new Date() } });
    done.push(name);
  }
  return done;
}

/**
 * Re-derives every stored execution's StateRun rows from its stored history with the execution
 * page's failure rule (lib/history/derive-state-runs), then rebuilds the over-time buckets from
 * them. One transaction per execution: a crash leaves every execution either old or new, and the
 * backfill stays pending until it finished, so the next start completes it.
 */
async function rederiveStateRuns(db: Db, report: (line: string) => void): Promise<void> {
  const provider = providerOf(db);
  const schema = pgSchemaOf(db);
  let after = "";
  let count = 0;
  for (;;) {
    const page = await db.execution.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: 200,
      select: { id: true, stateMachineId: true, versionId: true },
    });
    if (page.length === 0) break;
    for (const execution of page) {
      const events = await storedHistory(db, execution.id);
      const rows = stateRunRows(groupStateRuns(events));
      await db.$transaction(async (tx) => {
        await tx.stateRun.deleteMany({ where: { executionId: execution.id } });
        await insertStateRuns(
          tx,
          provider,
          schema,
          { executionId: execution.id, stateMachineId: execution.stateMachineId, versionId: execution.versionId },
          rows,
        );
      });
    }
    count += page.length;
    after = page.at(-1)!.id;
    report(`state runs re-derived for ${count} executions`);
  }
  await rebuildOverTimeBuckets(db, schema);
}
