import Database from "better-sqlite3";
import type { RawRows } from "./raw-rows";

/**
 * The floor: inserts prepared rows into a migrated SQLite file (WAL, as statelens' migrator
 * leaves it) with better-sqlite3 prepared statements, everything in one transaction, or, with
 * `perExecution`, one transaction per execution as saveExecution commits. Returns the
 * milliseconds the inserts took.
 */
export function rawInsert(file: string, rows: RawRows, perExecution = false): number {
  const db = new Database(file);
  try {
    const machine = db.prepare(
      `INSERT INTO "StateMachine" ("id","arn","name","type","region","accountId","createdAt") VALUES (?,?,?,?,?,?,?)`,
    );
    const version = db.prepare(
      `INSERT INTO "StateMachineVersion" ("id","stateMachineId","hash","number","definition","versionArn","revisionId","createdAt") VALUES (?,?,?,?,?,?,?,?)`,
    );
    const execution = db.prepare(
      `INSERT INTO "Execution" ("id","executionArn","name","stateMachineId","versionId","type","status","startDate","stopDate","durationMs",` +
        `"input","output","error","cause","redriveCount","source","region","accountId","incomplete","eventCount","parentExecutionArn","mapRunArn",` +
        `"searchText","createdAt","updatedAt") VALUES (${Array(25).fill("?").join(",")})`,
    );
    const event = db.prepare(
      `INSERT INTO "HistoryEvent" ("executionId","eventId","previousEventId","timestamp","type","stateName","details") VALUES (?,?,?,?,?,?,?)`,
    );
    const stateRun = db.prepare(
      `INSERT INTO "StateRun" ("executionId","stateMachineId","versionId","stateName","stateType","startDate","durationMs","attempts","failed","caught","error") VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const byExecution = (list: RawRows["events"]) => {
      const map = new Map<unknown, RawRows["events"]>();
      for (const r of list) map.set(r[0], [...(map.get(r[0]) ?? []), r]);
      return map;
    };
    const insert = db.transaction(
      (executions: RawRows["executions"], events: RawRows["events"], runs: RawRows["stateRuns"], withMachines: boolean) => {
        if (withMachines) {
          for (const r of rows.stateMachines) machine.run(r);
          for (const r of rows.versions) version.run(r);
        }
        for (const r of executions) execution.run(r);
        for (const r of events) event.run(r);
        for (const r of runs) stateRun.run(r);
      },
    );
    const eventsOf = perExecution ? byExecution(rows.events) : undefined;
    const runsOf = perExecution ? byExecution(rows.stateRuns) : undefined;
    const start = performance.now();
    if (!perExecution) insert(rows.executions, rows.events, rows.stateRuns, true);
    else {
      rows.executions.forEach((r, i) => insert([r], eventsOf!.get(r[0]) ?? [], runsOf!.get(r[0]) ?? [], i === 0));
    }
    return performance.now() - start;
  } finally {
    db.close();
  }
}
