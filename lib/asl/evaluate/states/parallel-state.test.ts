import { describe, expect, it } from "vitest";
import { runExecution } from "../../index";
import { eventLines } from "../../../../testing/asl/event-lines";

const start = new Date("2024-05-01T10:00:00Z");

describe("Parallel state", () => {
  it("runs branches on the same input and links the exit to the last branch event", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Branches: [
              { StartAt: "A", States: { A: { Type: "Pass", Result: "a", End: true } } },
              { StartAt: "B", States: { B: { Type: "Pass", Parameters: { "x.$": "$.x" }, End: true } } },
            ],
            ResultSelector: { "both.$": "$" },
            End: true,
          },
        },
      },
      input: { x: 1 },
    });
    expect(result.output).toEqual({ both: ["a", { x: 1 }] });
    expect(eventLines(result.events)).toEqual([
      "1<-0 ExecutionStarted",
      "2<-0 ParallelStateEntered",
      "3<-2 ParallelStateStarted",
      "4<-3 PassStateEntered",
      "5<-3 PassStateEntered",
      "6<-4 PassStateExited",
      "7<-5 PassStateExited",
      "8<-7 ParallelStateSucceeded",
      "9<-7 ParallelStateExited",
      "10<-9 ExecutionSucceeded",
    ]);
  });

  it("keeps branch variables in the branch and sees outer ones", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "Set",
        States: {
          Set: { Type: "Pass", Assign: { outer: 1 }, Next: "P" },
          P: {
            Type: "Parallel",
            Branches: [
              { StartAt: "In", States: { In: { Type: "Pass", Assign: { inner: 2 }, Parameters: { "o.$": "$outer" }, End: true } } },
            ],
            Next: "After",
          },
          After: { Type: "Pass", Parameters: { "hasInner.$": "States.ArrayLength(States.Array($outer))" }, End: true },
        },
      },
      input: {},
    });
    expect(result.status).toBe("SUCCEEDED");
    expect(result.output).toEqual({ hasInner: 1 });
  });

  it("fails with the first failing branch's error and aborts the running siblings", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Branches: [
              { StartAt: "Slow", States: { Slow: { Type: "Wait", Seconds: 3600, End: true } } },
              { StartAt: "Boom", States: { Boom: { Type: "Fail", Error: "Bad", Cause: "branch 2" } } },
            ],
            End: true,
          },
        },
      },
      input: {},
      context: { startTime: start },
    });
    expect([result.status, result.error, result.cause]).toEqual(["FAILED", "Bad", "branch 2"]);
    expect(result.events.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "ParallelStateEntered",
      "ParallelStateStarted",
      "WaitStateEntered",
      "FailStateEntered",
      "WaitStateAborted",
      "ParallelStateFailed",
      "ExecutionFailed",
    ]);
    expect(result.stopDate).toEqual(start);
  });

  it("retries the whole state (ParallelStateStarted again) and catches at the end", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Branches: [{ StartAt: "F", States: { F: { Type: "Fail", Error: "E" } } }],
            Retry: [{ ErrorEquals: ["E"], MaxAttempts: 1 }],
            Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
            End: true,
          },
          Caught: { Type: "Pass", End: true },
        },
      },
      input: {},
    });
    expect(result.output).toEqual({ Error: "E", Cause: null });
    expect(result.events.map((e) => e.type).slice(2, 8)).toEqual([
      "ParallelStateStarted",
      "FailStateEntered",
      "ParallelStateStarted",
      "FailStateEntered",
      "ParallelStateFailed",
      "ParallelStateExited",
    ]);
  });
});
