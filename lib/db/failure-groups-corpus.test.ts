import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executionFromHistoryFile } from "../ingest/sources/history-file";
import { HISTORIES_DIR } from "../../testing/corpus";
import { failureGroupExecutionIds, failureGroups } from "./failure-groups";
import { saveExecution } from "./save-execution";
import { createTestDb } from "./test-db";

type Ctx = Awaited<ReturnType<typeof createTestDb>>;

/** The 505 recorded AWS executions of test-data/histories, as `ingest files` stores them. */
function corpus() {
  return readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith(".history.json"))
    .sort()
    .map((f) => {
      const base = f.slice(0, -".history.json".length);
      const definitionFile = path.join(HISTORIES_DIR, `${base}.definition.json`);
      return executionFromHistoryFile(readFileSync(path.join(HISTORIES_DIR, f), "utf8"), {
        fileName: f,
        definition: existsSync(definitionFile) ? readFileSync(definitionFile, "utf8") : null,
        stateMachineName: base,
      });
    });
}

describe("failure groups of the recorded AWS corpus", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await createTestDb();
    for (const execution of corpus()) await saveExecution(ctx.db, execution);
  }, 240_000);
  afterAll(() => ctx?.close());

  it("puts every failed or timed-out execution in exactly one group", async () => {
    const range = { since: new Date("2000-01-01T00:00:00Z"), until: new Date(Date.now() + 86_400_000) };
    const failed = await ctx.db.execution.findMany({ where: { status: { in: ["FAILED", "TIMED_OUT"] } }, select: { id: true } });
    expect(failed.length).toBeGreaterThan(50);
    const { groups } = await failureGroups(ctx.db, range);
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(failed.length);
    const seen = new Map<string, string>();
    for (const group of groups) {
      for (const id of await failureGroupExecutionIds(ctx.db, group.key, { ...range, stateMachineId: group.stateMachine.id }, 10_000)) {
        expect(seen.get(id), `execution ${id} in two groups`).toBeUndefined();
        seen.set(id, group.key);
      }
    }
    expect([...seen.keys()].sort()).toEqual(failed.map((f) => f.id).sort());
  });
});
