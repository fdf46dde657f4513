import pg from "pg";
import { EVENT_COLUMNS, STATE_RUN_COLUMNS } from "../../lib/db/execution-rows";
import type { RawRows, SqlValue } from "./raw-rows";

const COLUMNS = {
  StateMachine: ["id", "arn", "name", "type", "region", "accountId", "createdAt"],
  StateMachineVersion: ["id", "stateMachineId", "hash", "number", "definition", "versionArn", "revisionId", "createdAt"],
  Execution: [
    "id",
    "executionArn",
    "name",
    "stateMachineId",
    "versionId",
    "type",
    "status",
    "startDate",
    "stopDate",
    "durationMs",
    "input",
    "output",
    "error",
    "cause",
    "redriveCount",
    "source",
    "region",
    "accountId",
    "incomplete",
    "eventCount",
    "parentExecutionArn",
    "mapRunArn",
    "searchText",
    "createdAt",
    "updatedAt",
  ],
  HistoryEvent: EVENT_COLUMNS,
  StateRun: STATE_RUN_COLUMNS,
} as const;

/**
 * The PostgreSQL floor: the same rows as the SQLite floor (raw-insert.ts) in multi-row INSERTs of
 * up to 60,000 parameters through node-postgres, into a migrated schema, everything in one
 * transaction or, with `perExecution`, one per execution. Returns the milliseconds the inserts took.
 */
export async function rawInsertPg(url: string, schema: string, rows: RawRows, perExecution = false): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const insert = async (table: keyof typeof COLUMNS, list: readonly SqlValue[][]) => {
      const columns = COLUMNS[table];
      const per = Math.floor(60_000 / columns.length);
      for (let i = 0; i < list.length; i += per) {
        const chunk = list.slice(i, i + per);
        let n = 0;
        const tuples = chunk.map(() => `(${columns.map(() => `$${++n}`).join(", ")})`).join(", ");
        await client.query(
          `INSERT INTO "${schema}"."${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples}`,
          chunk.flat(),
        );
      }
    };
    const batches = perExecution
      ? rows.executions.map((e, i) => ({
          machines: i === 0,
          executions: [e],
          events: rows.events.filter((r) => r[0] === e[0]),
          runs: rows.stateRuns.filter((r) => r[0] === e[0]),
        }))
      : [{ machines: true, executions: rows.executions, events: rows.events, runs: rows.stateRuns }];
    const start = performance.now();
    for (const b of batches) {
      await client.query("BEGIN");
      if (b.machines) {
        await insert("StateMachine", rows.stateMachines);
        await insert("StateMachineVersion", rows.versions);
      }
      await insert("Execution", b.executions);
      await insert("HistoryEvent", b.events);
      await insert("StateRun", b.runs);
      await client.query("COMMIT");
    }
    return performance.now() - start;
  } finally {
    await client.end();
  }
}
