import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryEvent } from "../asl/history/types";
import { historyJson } from "./history-json";
import { saveExecution } from "./save-execution";
import { createTestDb } from "./test-db";

describe("historyJson", () => {
  let ctx: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    ctx = await createTestDb();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it("returns the stored history as AWS HistoryEvent JSON, in event order, details under their keys, payloads intact", async () => {
    const events: HistoryEvent[] = [
      {
        id: 1,
        previousEventId: 0,
        timestamp: new Date("2026-10-01T09:00:00.123Z"),
        type: "ExecutionStarted",
        executionStartedEventDetails: { input: '{"q":"\\"<script>\\""}', roleArn: "r" },
      },
      {
        id: 2,
        previousEventId: 0,
        timestamp: new Date("2026-10-01T09:00:01Z"),
        type: "PassStateEntered",
        stateEnteredEventDetails: { name: "P", input: "{}" },
      },
      { id: 3, previousEventId: 2, timestamp: new Date("2026-10-01T09:00:02Z"), type: "MapStateStarted" },
    ];
    const { id } = await saveExecution(ctx.db, {
      executionArn: "arn:aws:states:us-east-1:1:execution:M:hj",
      name: "hj",
      stateMachineArn: "arn:aws:states:us-east-1:1:stateMachine:M",
      stateMachineName: "M",
      type: "STANDARD",
      status: "RUNNING",
      startDate: events[0].timestamp,
      stopDate: null,
      input: "{}",
      output: null,
      error: null,
      cause: null,
      redriveCount: 0,
      source: "file",
      definition: null,
      events,
    });
    const parsed = JSON.parse(await historyJson(ctx.db, id));
    expect(parsed).toEqual([
      {
        id: 1,
        previousEventId: 0,
        timestamp: expect.any(String),
        type: "ExecutionStarted",
        executionStartedEventDetails: { input: '{"q":"\\"<script>\\""}', roleArn: "r" },
      },
      {
        id: 2,
        previousEventId: 0,
        timestamp: expect.any(String),
        type: "PassStateEntered",
        stateEnteredEventDetails: { name: "P", input: "{}" },
      },
      { id: 3, previousEventId: 2, timestamp: expect.any(String), type: "MapStateStarted" },
    ]);
    expect(Date.parse(parsed[0].timestamp)).toBe(Date.parse("2026-10-01T09:00:00.123Z"));
    expect(await historyJson(ctx.db, "missing")).toBe("[]");
  });
});
