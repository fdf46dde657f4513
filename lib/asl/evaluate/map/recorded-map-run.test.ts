import { describe, expect, it } from "vitest";
import { runExecution } from "../../index";
import type { MapRunOutcome, MapRunRequest, TaskInvoker } from "../../ports";
import { detailsOf, eventLines } from "../../../../testing/asl/event-lines";

const start = new Date("2024-05-01T10:00:00Z");
const RUN_ARN = "arn:aws:states:us-east-1:123456789012:mapRun:M/Fan:recorded-run";

/** Pass -> distributed Map over an S3 object (ResultPath $.out) -> Done. */
const definition = {
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Next: "Fan" },
    Fan: {
      Type: "Map",
      ItemReader: { Resource: "arn:aws:states:::s3:getObject", ReaderConfig: { InputType: "JSON" }, Parameters: { Bucket: "b", Key: "k" } },
      ItemProcessor: {
        ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
        StartAt: "Work",
        States: { Work: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:w", End: true } },
      },
      ResultPath: "$.out",
      Catch: [{ ErrorEquals: ["Boom"], ResultPath: "$.error", Next: "Done" }],
      Next: "Done",
    },
    Done: { Type: "Succeed" },
  },
};

/** An invoker that answers Map Runs only: any task call (a child execution) is a test failure. */
function mapRunsOnly(answer: (request: MapRunRequest) => MapRunOutcome | undefined, asked: MapRunRequest[] = []): TaskInvoker {
  return {
    invoke: (request) => ({ error: "Unexpected", cause: `child task ${request.stateName} ran` }),
    runMap: (request) => {
      asked.push(request);
      return answer(request);
    },
  };
}

const run = (taskInvoker: TaskInvoker, input: unknown = { in: 1 }) =>
  runExecution({
    definition,
    input,
    context: { executionArn: "arn:aws:states:us-east-1:123456789012:execution:M:e", startTime: start },
    taskInvoker,
  });

describe("distributed Map Run answered by the runMap port", () => {
  it("emits AWS's events with the given Map Run ARN, reads no items, and processes the result like the state's own", async () => {
    const asked: MapRunRequest[] = [];
    const result = await run(mapRunsOnly(() => ({ mapRunArn: RUN_ARN, result: [1, 2], durationMs: 5000 }), asked));
    expect(result.status).toBe("SUCCEEDED");
    expect(eventLines(result.events)).toEqual([
      "1<-0 ExecutionStarted",
      "2<-0 PassStateEntered",
      "3<-2 PassStateExited",
      "4<-3 MapStateEntered",
      "5<-4 MapStateStarted",
      "6<-5 MapRunStarted",
      "7<-6 MapRunSucceeded",
      "8<-7 MapStateSucceeded",
      "9<-6 MapStateExited",
      "10<-9 SucceedStateEntered",
      "11<-10 SucceedStateExited",
      "12<-11 ExecutionSucceeded",
    ]);
    expect(detailsOf(result.events, "MapRunStarted")).toEqual({ mapRunArn: RUN_ARN });
    expect(result.output).toEqual({ in: 1, out: [1, 2] });
    expect(result.events[6].timestamp.getTime() - start.getTime()).toBe(5000);
    expect(asked).toEqual([
      { stateName: "Fan", stateInput: { in: 1 }, mapRunArn: expect.stringContaining(":mapRun:M/Fan:"), attempt: 0, now: start },
    ]);
  });

  it("takes a recorded state output and assignments as they are (no ResultPath on top)", async () => {
    const result = await run(mapRunsOnly(() => ({ stateOutput: { as: "recorded" }, assignedVariables: { total: 3 } })));
    expect(result.output).toEqual({ as: "recorded" });
    expect(detailsOf(result.events, "MapStateExited")).toMatchObject({
      name: "Fan",
      output: '{"as":"recorded"}',
      assignedVariables: { total: "3" },
    });
  });

  it("fails the run with the given error and cause (MapRunFailed, then the state's Catch)", async () => {
    const result = await run(mapRunsOnly(() => ({ error: "Boom", cause: "3 children failed" })));
    expect(eventLines(result.events).slice(5, 9)).toEqual([
      "6<-5 MapRunStarted",
      "7<-6 MapRunFailed",
      "8<-7 MapStateFailed",
      "9<-8 MapStateExited",
    ]);
    expect(detailsOf(result.events, "MapRunFailed")).toEqual({ error: "Boom", cause: "3 children failed" });
    expect(result.output).toEqual({ in: 1, error: { Error: "Boom", Cause: "3 children failed" } });
  });

  it("runs the children itself when the port has no answer", async () => {
    const inline = {
      ...definition,
      States: { ...definition.States, Fan: { ...definition.States.Fan, ItemReader: undefined, ItemsPath: "$.xs" } },
    };
    const invoker: TaskInvoker = { invoke: (request) => ({ output: { did: request.parameters } }), runMap: () => undefined };
    const result = await runExecution({ definition: inline, input: { xs: [7] }, context: { startTime: start }, taskInvoker: invoker });
    expect(result.output).toEqual({ xs: [7], out: [{ did: 7 }] });
  });

  it("fails the execution with a clear cause when the port's answer is malformed", async () => {
    const result = await run(mapRunsOnly(() => ({ output: [1] }) as unknown as MapRunOutcome));
    expect(result.status).toBe("FAILED");
    expect(result.error).toBe("States.Runtime");
    expect(result.cause).toContain("The Map Run outcome given for state 'Fan' is not valid: it has none of result, stateOutput or error.");
  });
});
