import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryEvent } from "../asl/history/types";
import type { IngestedExecution } from "../ingest/types";
import { deleteExecutionsBefore } from "./delete-executions-before";
import { saveExecution } from "./save-execution";
import { createTestDb } from "./test-db";

const day = (n: number) => new Date(Date.UTC(2026, 5, 1 + n, 12));

function execution(name: string, start: Date): IngestedExecution {
  const events: HistoryEvent[] = [
    { id: 1, previousEventId: 0, timestamp: start, type: "ExecutionStarted", executionStartedEventDetails: { input: "{}", roleArn: "r" } },
    { id: 2, previousEventId: 1, timestamp: start, type: "PassStateEntered", stateEnteredEventDetails: { name: "P", input: "{}" } },
    { id: 3, previousEventId: 2, timestamp: start, type: "PassStateExited", stateExitedEventDetails: { name: "P", output: "{}" } },
    { id: 4, previousEventId: 3, timestamp: start, type: "ExecutionSucceeded", executionSucceededEventDetails: { output: "{}" } },
  ];
  return {
    executionArn: `arn:aws:states:us-east-1:123456789012:execution:M:${name}`,
    name,
    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:M",
    stateMachineName: "M",
    type: "STANDARD",
    status: "SUCCEEDED",
    startDate: start,
    stopDate: start,
    input: "{}",
    output: "{}",
    error: null,
    cause: null,
    redriveCount: 0,
    source: "local",
    definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
    events,
  };
}

describe("deleteExecutionsBefore", () => {
  let ctx: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    ctx = await createTestDb();
    for (let i = 0; i < 7; i++) await saveExecution(ctx.db, execution(`run-${i}`, day(i)));
  });
  afterAll(async () => ctx.close());

  it("counts on a dry run, then deletes in batches with events and state runs", async () => {
    const cutoff = day(5);
    expect(await deleteExecutionsBefore(ctx.db, cutoff, { dryRun: true })).toEqual({ executions: 5, events: 20 });
    expect(await ctx.db.execution.count()).toBe(7);
    const batches: number[] = [];
    const result = await deleteExecutionsBefore(ctx.db, cutoff, { batchSize: 2, onBatch: (t) => batches.push(t.executions) });
    expect(result).toEqual({ executions: 5, events: 20 });
    expect(batches).toEqual([2, 4, 5]);
    expect((await ctx.db.execution.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map((e) => e.name)).toEqual([
      "run-5",
      "run-6",
    ]);
    expect(await ctx.db.historyEvent.count()).toBe(8);
    expect(await ctx.db.stateRun.count()).toBe(2);
    expect(await deleteExecutionsBefore(ctx.db, cutoff)).toEqual({ executions: 0, events: 0 });
  });
});
