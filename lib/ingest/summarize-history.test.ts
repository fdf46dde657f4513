import { describe, expect, it } from "vitest";
import { normalizeEvents } from "./normalize-events";
import { summarizeHistory } from "./summarize-history";

const ev = (id: number, type: string, details?: [string, object]) => ({
  id,
  previousEventId: id - 1,
  type,
  timestamp: 1_700_000_000 + id,
  ...(details ? { [details[0]]: details[1] } : {}),
});

describe("summarizeHistory", () => {
  it("follows a failure, a redrive and the success after it", () => {
    const events = normalizeEvents([
      ev(1, "ExecutionStarted", ["executionStartedEventDetails", { input: '{"a":1}', roleArn: "role", stateMachineVersionArn: "arn:v:1" }]),
      ev(2, "MapRunStarted", ["mapRunStartedEventDetails", { mapRunArn: "arn:mr" }]),
      ev(3, "ExecutionFailed", ["executionFailedEventDetails", { error: "E", cause: "c" }]),
    ]);
    expect(summarizeHistory(events)).toMatchObject({
      status: "FAILED",
      error: "E",
      cause: "c",
      closed: true,
      redriveCount: 0,
      mapRunArns: ["arn:mr"],
      stateMachineVersionArn: "arn:v:1",
    });
    const redriven = [...events, ...normalizeEvents([ev(4, "ExecutionRedriven", ["executionRedrivenEventDetails", { redriveCount: 1 }])])];
    expect(summarizeHistory(redriven)).toMatchObject({ status: "RUNNING", error: null, stopDate: null, redriveCount: 1, closed: false });
    const done = [...redriven, ...normalizeEvents([ev(5, "ExecutionSucceeded", ["executionSucceededEventDetails", { output: "2" }])])];
    const summary = summarizeHistory(done);
    expect(summary).toMatchObject({ status: "SUCCEEDED", output: "2", redriveCount: 1, input: '{"a":1}' });
    expect(summary.stopDate!.getTime()).toBe((1_700_000_000 + 5) * 1000);
  });

  it("knows timeouts and aborts, and calls a history without an end RUNNING", () => {
    expect(
      summarizeHistory(
        normalizeEvents([
          ev(1, "ExecutionStarted"),
          ev(2, "ExecutionTimedOut", ["executionTimedOutEventDetails", { error: "States.Timeout" }]),
        ]),
      ).status,
    ).toBe("TIMED_OUT");
    expect(summarizeHistory(normalizeEvents([ev(1, "ExecutionStarted"), ev(2, "ExecutionAborted")])).status).toBe("ABORTED");
    expect(summarizeHistory(normalizeEvents([ev(1, "ExecutionStarted"), ev(2, "PassStateEntered")]))).toMatchObject({
      status: "RUNNING",
      stopDate: null,
    });
  });
});
