import { describe, expect, it } from "vitest";
import { eventDetailsKey } from "../asl/history/types";
import { toEventDto, type EventDto } from "../model/execution";
import { summarizeMapRuns } from "./summarize-map-runs";

const ev = (id: number, type: string, details: Record<string, unknown> | null = null): EventDto =>
  toEventDto({ id, previousEventId: id - 1, timestamp: "2026-10-01T00:00:00Z", type, [eventDetailsKey(type)]: details });

describe("summarizeMapRuns", () => {
  it("counts iterations by status per Map state run", () => {
    const runs = summarizeMapRuns([
      ev(1, "ExecutionStarted"),
      ev(2, "MapStateEntered", { name: "Items" }),
      ev(3, "MapStateStarted", { length: 3 }),
      ev(4, "MapIterationStarted", { name: "Items", index: 0 }),
      ev(5, "MapIterationStarted", { name: "Items", index: 1 }),
      ev(6, "MapIterationSucceeded", { name: "Items", index: 0 }),
      ev(7, "MapIterationFailed", { name: "Items", index: 1 }),
      ev(8, "MapIterationStarted", { name: "Items", index: 2 }),
      ev(9, "MapIterationAborted", { name: "Items", index: 2 }),
      ev(10, "MapStateFailed"),
      ev(11, "MapStateEntered", { name: "Batch" }),
      ev(12, "MapRunStarted", { mapRunArn: "arn:aws:states:us-east-1:1:mapRun:m/run1" }),
    ]);
    expect(runs).toMatchObject([
      {
        stateName: "Items",
        enteredEventId: 2,
        mapRunArn: null,
        iterations: { started: 3, succeeded: 1, failed: 1, aborted: 1 },
        itemCount: 3,
        status: "FAILED",
        iterationList: [
          { index: 0, status: "SUCCEEDED" },
          { index: 1, status: "FAILED" },
          { index: 2, status: "ABORTED" },
        ],
      },
      {
        stateName: "Batch",
        enteredEventId: 11,
        mapRunArn: "arn:aws:states:us-east-1:1:mapRun:m/run1",
        iterations: { started: 0, succeeded: 0, failed: 0, aborted: 0 },
        itemCount: null,
        status: "RUNNING",
        iterationList: [],
      },
    ]);
  });

  it("takes a distributed Map's status and error from its Map Run", () => {
    const [run] = summarizeMapRuns([
      ev(1, "ExecutionStarted"),
      ev(2, "MapStateEntered", { name: "Batch" }),
      ev(3, "MapStateStarted", { length: 1000 }),
      ev(4, "MapRunStarted", { mapRunArn: "arn:aws:states:us-east-1:1:mapRun:m/run1" }),
      ev(5, "MapRunFailed", { error: "States.ExceedToleratedFailureThreshold", cause: "too many failed" }),
      ev(6, "MapStateFailed"),
    ]);
    expect(run).toMatchObject({
      itemCount: 1000,
      status: "FAILED",
      error: "States.ExceedToleratedFailureThreshold",
      cause: "too many failed",
    });
  });
});
