import type { DerivedStateRun } from "../history/derive-state-runs";
import { bulkInsert, type Provider } from "./bulk-insert";
import type { Db } from "./client";
import { STATE_RUN_COLUMNS, stateRunValues } from "./execution-rows";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const COLUMNS = STATE_RUN_COLUMNS;

/** Inserts an execution's StateRun rows (saveExecution and the failure-rule backfill write the same columns). */
export async function insertStateRuns(
  tx: Tx,
  provider: Provider,
  schema: string | null,
  owner: { executionId: string; stateMachineId: string; versionId: string | null },
  runs: readonly DerivedStateRun[],
): Promise<void> {
  const rows = runs.map((run) => [owner.executionId, owner.stateMachineId, owner.versionId, ...stateRunValues(run, provider)]);
  await bulkInsert(tx, provider, "StateRun", COLUMNS, rows, schema);
}
