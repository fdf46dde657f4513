import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HISTORIES_DIR } from "../../testing/corpus";
import { executionFromHistoryFile } from "../ingest/sources/history-file";
import type { HistoryEvent } from "../asl/history/types";
import { generateDemo } from "../examples/generate-demo";
import { groupStateRuns } from "../history/group-state-runs";
import type { IngestedExecution } from "../ingest/types";
import { runPendingBackfills } from "./backfills";
import { pgSchemaOf } from "./client";
import { storedHistory } from "./history-json";
import { overTimeBuckets } from "./over-time";
import { rebuildOverTimeBuckets } from "./over-time-buckets";
import { saveExecution } from "./save-execution";
import { createTestDb } from "./test-db";

type Ctx = Awaited<ReturnType<typeof createTestDb>>;
const T0 = Date.UTC(2026, 9, 1, 9);

/** A failed execution whose only failure is a Fail state, and one whose Parallel failed inside a branch and was caught. */
function failing(name: string, kind: "fail-state" | "parallel"): IngestedExecution {
  const items: [string, Record<string, unknown>?][] =
    kind === "fail-state"
      ? [
          ["ExecutionStarted", { input: "{}" }],
          ["FailStateEntered", { name: "Stop", input: "{}" }],
          ["ExecutionFailed", { error: "Stopped", cause: "by design" }],
        ]
      : [
          ["ExecutionStarted", { input: "{}" }],
          ["ParallelStateEntered", { name: "Fan", input: "{}" }],
          ["ParallelStateStarted"],
          ["TaskStateEntered", { name: "Left", input: "{}" }],
          ["TaskScheduled", { resource: "invoke", resourceType: "lambda" }],
          ["TaskFailed", { error: "Boom" }],
          ["ParallelStateFailed", { error: "Boom", cause: "in Left" }],
          ["ParallelStateExited", { name: "Fan", output: "{}" }],
          ["ExecutionSucceeded", { output: "{}" }],
        ];
  const events = items.map(([type, details], i) => {
    const event: HistoryEvent = { id: i + 1, previousEventId: i, timestamp: new Date(T0 + i * 1000), type };
    const key = /StateEntered$/.test(type)
      ? "stateEnteredEventDetails"
      : /StateExited$/.test(type)
        ? "stateExitedEventDetails"
        : `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
    if (details) event[key as `${string}EventDetails`] = details;
    return event;
  });
  const failed = kind === "fail-state";
  return {
    executionArn: `arn:aws:states:us-east-1:123456789012:execution:Rules:${name}`,
    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:Rules",
    stateMachineName: "Rules",
    name,
    type: "STANDARD",
    status: failed ? "FAILED" : "SUCCEEDED",
    startDate: new Date(T0),
    stopDate: new Date(T0 + items.length * 1000),
    input: "{}",
    output: failed ? null : "{}",
    error: failed ? "Stopped" : null,
    cause: failed ? "by design" : null,
    redriveCount: 0,
    source: "file",
    definition: null,
    events,
  };
}

/** What the over-time charts read (the stored StateRun rows) beside what the execution page derives from the same stored history. */
async function chartAndPage(ctx: Ctx): Promise<{ chart: string[]; page: string[] }> {
  const executions = await ctx.db.execution.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  const chart: string[] = [];
  const page: string[] = [];
  for (const { id } of executions) {
    const rows = await ctx.db.stateRun.findMany({ where: { executionId: id }, orderBy: [{ startDate: "asc" }, { id: "asc" }] });
    for (const r of rows)
      chart.push(`${id} ${r.stateName} ${r.startDate.toISOString()} failed=${r.failed} caught=${r.caught} error=${r.error ?? ""}`);
    const runs = groupStateRuns(await storedHistory(ctx.db, id)).runs;
    const ordered = [...runs].sort((a, b) => (a.enteredAt ?? 0) - (b.enteredAt ?? 0) || a.enteredEventId - b.enteredEventId);
    for (const run of ordered) {
      const failed = run.status === "failed" || run.status === "caught";
      if (!failed && run.attempts.every((a) => a.error === null)) {
        page.push(`${id} ${run.stateName} ${new Date(run.enteredAt!).toISOString()} failed=false caught=false error=`);
      } else {
        const error = failed ? run.error : run.attempts.findLast((a) => a.error !== null)!.error;
        page.push(
          `${id} ${run.stateName} ${new Date(run.enteredAt!).toISOString()} failed=${failed} caught=${run.status === "caught"} error=${error ?? ""}`,
        );
      }
    }
  }
  return { chart, page };
}

describe("StateRun rows: one failure rule with the execution page", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await createTestDb();
    await runPendingBackfills(ctx.db);
    for await (const execution of generateDemo({ count: 60, seed: 7, now: new Date("2026-11-01T00:00:00Z") }))
      await saveExecution(ctx.db, execution);
    await saveExecution(ctx.db, failing("fail-state", "fail-state"));
    await saveExecution(ctx.db, failing("parallel", "parallel"));
    // and every exported AWS history of the test corpus
    for (const file of readdirSync(HISTORIES_DIR)
      .filter((f) => f.endsWith(".history.json"))
      .sort()) {
      const base = file.slice(0, -".history.json".length);
      const definitionFile = path.join(HISTORIES_DIR, `${base}.definition.json`);
      const definition = existsSync(definitionFile) ? readFileSync(definitionFile, "utf8") : null;
      await saveExecution(
        ctx.db,
        executionFromHistoryFile(readFileSync(path.join(HISTORIES_DIR, file), "utf8"), {
          fileName: file,
          definition,
          stateMachineName: base,
        }),
      );
    }
  }, 300_000);
  afterAll(() => ctx?.close());

  it("the over-time rows and the execution page agree on every run's failure, catch and error (demo and the whole test corpus)", async () => {
    const { chart, page } = await chartAndPage(ctx);
    expect(chart.length).toBeGreaterThan(1000);
    expect(chart).toEqual(page);
    expect(chart.filter((line) => line.includes(" Stop ") || line.includes(" Fan "))).toEqual([
      expect.stringMatching(/ Stop .* failed=true caught=false error=Stopped$/),
      expect.stringMatching(/ Fan .* failed=true caught=true error=Boom$/),
    ]);
  });

  it("the backfill re-derives rows written under the old rule and rebuilds the buckets", async () => {
    const before = await chartAndPage(ctx);
    const q = {
      stateMachineId: (await ctx.db.stateMachine.findFirstOrThrow({ where: { name: "Rules" } })).id,
      from: new Date(T0 - 86_400_000),
      to: new Date(T0 + 86_400_000),
    };
    const bucketsBefore = await overTimeBuckets(ctx.db, q, "day");
    // the old rule: a Fail state and a Parallel failed inside its branch were not failed on the row
    await ctx.db.stateRun.updateMany({
      where: { stateName: { in: ["Stop", "Fan"] } },
      data: { failed: false, caught: false, error: null },
    });
    await rebuildOverTimeBuckets(ctx.db, pgSchemaOf(ctx.db));
    expect((await chartAndPage(ctx)).chart).not.toEqual(before.chart);
    expect(await overTimeBuckets(ctx.db, q, "day")).not.toEqual(bucketsBefore);

    await ctx.db.dataBackfill.update({ where: { name: "state-runs-failure-rule" }, data: { doneAt: null } });
    const lines: string[] = [];
    expect(await runPendingBackfills(ctx.db, (line) => lines.push(line))).toEqual(["state-runs-failure-rule"]);
    expect(lines.at(-1)).toMatch(/re-derived for \d+ executions/);
    expect((await chartAndPage(ctx)).chart).toEqual(before.chart);
    expect(await overTimeBuckets(ctx.db, q, "day")).toEqual(bucketsBefore);
    // done once: the next start has nothing to do
    expect(await runPendingBackfills(ctx.db)).toEqual([]);
  });

  it("refuses a backfill this version does not know, naming it", async () => {
    await ctx.db.dataBackfill.create({ data: { name: "from-the-future" } });
    await expect(runPendingBackfills(ctx.db)).rejects.toThrow(/"from-the-future".*upgrade statelens/);
    await ctx.db.dataBackfill.delete({ where: { name: "from-the-future" } });
  });
});
