import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabaseUrl } from "../../lib/db/database-url";
import { migrate } from "../../lib/db/migrate";
import { saveExecution } from "../../lib/db/save-execution";
import { createTestDb } from "../../lib/db/test-db";
import { REPO_ROOT } from "../support/run-child";
import { ingestFixtures } from "./ingest-fixtures";
import { rawInsert } from "./raw-insert";
import { rawRows } from "./raw-rows";

const EVENT_COLUMNS = `"eventId","previousEventId","timestamp","type","stateName","details"`;
const RUN_COLUMNS = `"stateName","stateType","startDate","durationMs","attempts","failed","caught","error"`;
const EXECUTION_COLUMNS = `"executionArn","name","status","startDate","stopDate","durationMs","input","output","eventCount","searchText","source"`;

describe("the raw floor stores the rows saveExecution stores", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-raw-rows-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([false, true])("one transaction per execution: %s", async (perExecution) => {
    const executions = await ingestFixtures(3, 101, `raw-${perExecution}`);
    const file = path.join(dir, `floor-${perExecution}.db`);
    await migrate(resolveDatabaseUrl(`file:${file}`), REPO_ROOT);
    expect(rawInsert(file, rawRows(executions), perExecution)).toBeGreaterThan(0);

    const { db, target, close } = await createTestDb({ store: "sqlite" }); // compared with a SQLite file, on every run
    try {
      for (const execution of executions) await saveExecution(db, execution);
      const ours = new Database(target.location, { readonly: true });
      const floor = new Database(file, { readonly: true });
      const dump = (store: Database.Database, sql: string) => store.prepare(sql).all();
      for (const sql of [
        `SELECT ${EXECUTION_COLUMNS} FROM "Execution" ORDER BY "executionArn"`,
        `SELECT e."executionArn", ${EVENT_COLUMNS.split(",")
          .map((c) => `h.${c}`)
          .join(",")} FROM "HistoryEvent" h JOIN "Execution" e ON e."id" = h."executionId" ORDER BY e."executionArn", h."eventId"`,
        `SELECT e."executionArn", ${RUN_COLUMNS.split(",")
          .map((c) => `r.${c}`)
          .join(
            ",",
          )} FROM "StateRun" r JOIN "Execution" e ON e."id" = r."executionId" ORDER BY e."executionArn", r."startDate", r."stateName"`,
        `SELECT "arn","name","type" FROM "StateMachine"`,
        `SELECT "hash","number","definition" FROM "StateMachineVersion"`,
      ]) {
        const expected = dump(ours, sql);
        expect(expected.length).toBeGreaterThan(0);
        expect(dump(floor, sql)).toEqual(expected);
      }
      ours.close();
      floor.close();
    } finally {
      await close();
    }
  });
});
