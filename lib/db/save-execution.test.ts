import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryEvent } from "../asl/history/types";
import type { IngestedExecution } from "../ingest/types";
import { getExecution } from "./get-execution";
import { listExecutions } from "./list-executions";
import { saveExecution } from "./save-execution";
import { createTestDb } from "./test-db";

const t = (s: number) => new Date(Date.UTC(2026, 9, 1, 9, 0, s));

function failedExecution(arn = "arn:aws:states:us-east-1:111111111111:execution:Orders:run-1"): IngestedExecution {
  const events: HistoryEvent[] = [
    {
      id: 1,
      previousEventId: 0,
      timestamp: t(0),
      type: "ExecutionStarted",
      executionStartedEventDetails: { input: '{"order":"<script>alert(1)</script>"}', roleArn: "role" },
    },
    { id: 2, previousEventId: 0, timestamp: t(1), type: "TaskStateEntered", stateEnteredEventDetails: { name: "Charge", input: "{}" } },
    {
      id: 3,
      previousEventId: 2,
      timestamp: t(1),
      type: "TaskScheduled",
      taskScheduledEventDetails: { resource: "invoke", resourceType: "lambda", region: "us-east-1", parameters: "{}" },
    },
    {
      id: 4,
      previousEventId: 3,
      timestamp: t(2),
      type: "TaskFailed",
      taskFailedEventDetails: { error: "PaymentDeclined", cause: "card expired" },
    },
    {
      id: 5,
      previousEventId: 4,
      timestamp: t(4),
      type: "TaskScheduled",
      taskScheduledEventDetails: { resource: "invoke", resourceType: "lambda", region: "us-east-1", parameters: "{}" },
    },
    {
      id: 6,
      previousEventId: 5,
      timestamp: t(5),
      type: "TaskFailed",
      taskFailedEventDetails: { error: "PaymentDeclined", cause: "card expired" },
    },
    {
      id: 7,
      previousEventId: 6,
      timestamp: t(5),
      type: "ExecutionFailed",
      executionFailedEventDetails: { error: "PaymentDeclined", cause: "card expired" },
    },
    { id: 8, previousEventId: 7, timestamp: t(6), type: "SomeFutureEventType", someFutureEventTypeEventDetails: { x: 1 } },
  ];
  return {
    executionArn: arn,
    name: arn.split(":").pop()!,
    stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:Orders",
    stateMachineName: "Orders",
    type: "STANDARD",
    status: "FAILED",
    startDate: t(0),
    stopDate: t(5),
    input: '{"order":"<script>alert(1)</script>"}',
    output: null,
    error: "PaymentDeclined",
    cause: "card expired",
    redriveCount: 0,
    source: "file",
    definition: '{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"invoke","End":true}}}',
    events,
  };
}

describe("saveExecution", () => {
  let ctx: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    ctx = await createTestDb();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it("stores an execution, its history, version and state runs, once", async () => {
    const first = await saveExecution(ctx.db, failedExecution());
    expect(first.outcome).toBe("inserted");
    const again = await saveExecution(ctx.db, failedExecution());
    expect(again).toEqual({ outcome: "unchanged", id: first.id });
    const stored = await getExecution(ctx.db, first.id);
    expect(stored?.events.map((e) => e.type)).toContain("SomeFutureEventType");
    expect(stored?.events).toHaveLength(8);
    expect(stored?.events.find((e) => e.eventId === 4)?.stateName).toBe("Charge");
    expect(stored?.version?.number).toBe(1);
    const runs = await ctx.db.stateRun.findMany({ where: { executionId: first.id } });
    expect(runs).toMatchObject([{ stateName: "Charge", attempts: 2, failed: true, caught: false, error: "PaymentDeclined" }]);
    expect(await ctx.db.historyEvent.count()).toBe(8);
  });

  it("replaces the history when the execution changed (e.g. redriven)", async () => {
    const changed = { ...failedExecution(), redriveCount: 1, events: failedExecution().events.slice(0, 3) };
    const result = await saveExecution(ctx.db, changed);
    expect(result.outcome).toBe("updated");
    expect(await ctx.db.historyEvent.count({ where: { executionId: result.id } })).toBe(3);
  });

  it("rolls back everything when one event cannot be stored", async () => {
    const bad = failedExecution("arn:aws:states:us-east-1:111111111111:execution:Orders:bad");
    bad.events = [...bad.events, { ...bad.events[1] }]; // duplicate event id violates the unique key
    await expect(saveExecution(ctx.db, bad)).rejects.toThrow();
    expect(await ctx.db.execution.count({ where: { executionArn: bad.executionArn } })).toBe(0);
  });

  it("lists newest first with filters, search and keyset pages", async () => {
    for (let i = 0; i < 5; i++) {
      const e = failedExecution(`arn:aws:states:us-east-1:111111111111:execution:Orders:page-${i}`);
      e.startDate = t(100 + i);
      if (i % 2) Object.assign(e, { status: "SUCCEEDED", error: null, cause: null, input: `{"needle":${i}}` });
      await saveExecution(ctx.db, e);
    }
    const page1 = await listExecutions(ctx.db, { limit: 2 });
    expect(page1.rows.map((r) => r.name)).toEqual(["page-4", "page-3"]);
    expect(page1.hasMore).toBe(true);
    const last = page1.rows[1];
    const page2 = await listExecutions(ctx.db, { limit: 2, after: { startDate: last.startDate, id: last.id } });
    expect(page2.rows.map((r) => r.name)).toEqual(["page-2", "page-1"]);
    const succeeded = await listExecutions(ctx.db, { status: ["SUCCEEDED"] });
    expect(succeeded.rows.map((r) => r.name)).toEqual(["page-3", "page-1"]);
    const found = await listExecutions(ctx.db, { q: 'NEEDLE":3' });
    expect(found.rows.map((r) => r.name)).toEqual(["page-3"]);
    const script = await listExecutions(ctx.db, { q: "<script>", status: ["FAILED"] });
    expect(script.rows.length).toBeGreaterThan(0);
  });
});

describe("listExecutions with an input condition", () => {
  let ctx: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    ctx = await createTestDb();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it("returns only executions whose input matches, newest first, paging by cursor", async () => {
    for (let i = 0; i < 12; i++) {
      const e = failedExecution(`arn:aws:states:us-east-1:111111111111:execution:Orders:cond-${i}`);
      e.startDate = t(200 + i);
      e.input = JSON.stringify({ order: { total: i * 20 } });
      await saveExecution(ctx.db, e);
    }
    const { compileInputCondition } = await import("../server/input-condition");
    const inputCondition = compileInputCondition("$.order.total > 100");
    const page1 = await listExecutions(ctx.db, { inputCondition, limit: 3 });
    expect(page1.rows.map((r) => r.name)).toEqual(["cond-11", "cond-10", "cond-9"]);
    expect(page1.hasMore).toBe(true);
    const last = page1.rows[2];
    const page2 = await listExecutions(ctx.db, { inputCondition, limit: 3, after: { startDate: last.startDate, id: last.id } });
    expect(page2.rows.map((r) => r.name)).toEqual(["cond-8", "cond-7", "cond-6"]);
    expect(page2.hasMore).toBe(false);
  });
});

describe("concurrent saves", () => {
  let ctx: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    ctx = await createTestDb();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it("of a state machine not stored yet all succeed, creating it and its version once", async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => {
        const e = failedExecution(`arn:aws:states:us-east-1:111111111111:execution:Orders:race-${i}`);
        return saveExecution(ctx.db, {
          ...e,
          stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:Race",
          stateMachineName: "Race",
        });
      }),
    );
    expect(results.map((r) => r.outcome)).toEqual(Array(6).fill("inserted"));
    expect(await ctx.db.stateMachine.count({ where: { name: "Race" } })).toBe(1);
    expect(await ctx.db.stateMachineVersion.count({ where: { stateMachine: { name: "Race" } } })).toBe(1);
  });
});

describe("listExecutions with several statuses", () => {
  let ctx: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    ctx = await createTestDb();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it("merges the per-status pages newest first and pages on", async () => {
    const statuses = ["FAILED", "SUCCEEDED", "TIMED_OUT", "SUCCEEDED", "ABORTED", "FAILED", "SUCCEEDED"];
    for (let i = 0; i < statuses.length; i++) {
      const e = failedExecution(`arn:aws:states:us-east-1:111111111111:execution:Orders:multi-${i}`);
      e.startDate = t(300 + i);
      e.status = statuses[i];
      await saveExecution(ctx.db, e);
    }
    const first = await listExecutions(ctx.db, { status: ["FAILED", "TIMED_OUT", "ABORTED"], limit: 2 });
    expect(first.rows.map((r) => r.name)).toEqual(["multi-5", "multi-4"]);
    expect(first.hasMore).toBe(true);
    const last = first.rows[1];
    const second = await listExecutions(ctx.db, {
      status: ["FAILED", "TIMED_OUT", "ABORTED"],
      limit: 2,
      after: { startDate: last.startDate, id: last.id },
    });
    expect(second.rows.map((r) => r.name)).toEqual(["multi-2", "multi-0"]);
    expect(second.hasMore).toBe(false);
  });
});
