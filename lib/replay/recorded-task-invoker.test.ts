import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../asl/history/types";
import type { TaskRequest } from "../asl/ports";
import { missingInvoker, parseMissingRule } from "./missing-rule";
import { defaultMissingRule, exampleInvoker } from "../examples/example-invoker";
import { NO_RECORDED_RESULT, recordedTaskInvoker } from "./recorded-task-invoker";
import { replayExecution } from "./replay-execution";
import { START } from "../../testing/replay/record";

const at = (ms: number) => new Date(START.getTime() + ms);
const ev = (id: number, previousEventId: number, type: string, ms: number, details?: Record<string, unknown>): HistoryEvent => {
  const e: HistoryEvent = { id, previousEventId, type, timestamp: at(ms) };
  if (details) e[`${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`] = details;
  return e;
};
const definition = {
  StartAt: "Call",
  States: {
    Call: {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { "token.$": "$$.Task.Token" },
      TimeoutSeconds: 2,
      Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 1 }],
      End: true,
    },
  },
};
const recorded = [
  ev(1, 0, "ExecutionStarted", 0, { input: "{}" }),
  ev(2, 0, "TaskStateEntered", 0, { name: "Call", input: "{}" }),
  ev(3, 2, "TaskScheduled", 10, { parameters: '{"token":"AWS-TOKEN-1"}', resource: "sendMessage.waitForTaskToken", resourceType: "sqs" }),
  ev(4, 3, "TaskStarted", 20, {}),
  ev(5, 4, "TaskSubmitted", 30, { output: '{"MessageId":"m-1"}' }),
  ev(6, 5, "TaskTimedOut", 2500, { error: "States.Timeout" }),
  ev(7, 6, "TaskScheduled", 3500, { parameters: '{"token":"AWS-TOKEN-2"}' }),
  ev(8, 7, "TaskStarted", 3510, {}),
  ev(9, 8, "TaskSubmitted", 3520, { output: '{"MessageId":"m-2"}' }),
  ev(10, 9, "TaskFailed", 3900, { error: "Custom", cause: { message: "as object" } }),
];
const request = (attempt: number, parameters: unknown = { token: "local-token" }): TaskRequest => ({
  stateName: "Call",
  resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
  kind: "service",
  pattern: "wait-for-task-token",
  parameters,
  taskToken: "local-token",
  attempt,
  timeoutSeconds: 2,
  now: at(0),
});

describe("recordedTaskInvoker", () => {
  it("answers by state and attempt, with the recorded duration (capped at the timeout) and extras", () => {
    const invoker = recordedTaskInvoker(recorded, { definition, match: "request" });
    expect(invoker.invoke(request(0))).toEqual({ error: "States.Timeout", durationMs: 2000, submitted: { MessageId: "m-1" } });
    expect(invoker.invoke(request(1))).toEqual({
      error: "Custom",
      cause: '{"message":"as object"}',
      durationMs: 400,
      submitted: { MessageId: "m-2" },
    });
    expect(invoker.answered).toBe(2);
    expect(invoker.invoke(request(2))).toMatchObject({ error: NO_RECORDED_RESULT, cause: expect.stringContaining("never reached") });
    expect(invoker.missed).toEqual([{ stateName: "Call", attempt: 2, reason: "not-recorded" }]);
  });

  it("treats a call with other parameters as one the recording never made (the task token aside)", () => {
    const invoker = recordedTaskInvoker(recorded, { definition, match: "request" });
    expect(invoker.invoke(request(0, { token: "local-token", extra: 1 }))).toMatchObject({
      error: NO_RECORDED_RESULT,
      cause: expect.stringContaining("differ"),
    });
    const lenient = recordedTaskInvoker(recorded, { definition, match: "position" });
    expect(lenient.invoke(request(0, { other: true }))).toMatchObject({ error: "States.Timeout" });
  });

  it("hands missed calls to the chosen rule", async () => {
    const mocks = {
      StateMachines: { Shop: { TestCases: { HappyPath: { Call: "Ok" } } } },
      MockedResponses: { Ok: { "0": { Return: { mocked: true } } } },
    };
    const invoker = recordedTaskInvoker([], { definition, missing: missingInvoker({ mocks, testCase: "HappyPath" }, "Shop") });
    expect(await invoker.invoke(request(0))).toEqual({ output: { mocked: true } });
    const examples = missingInvoker("examples", "x", exampleInvoker)!;
    const answer = await examples.invoke({
      ...request(0),
      stateName: "CreateShippingLabel",
      resource: "arn:aws:lambda:us-east-1:123456789012:function:CreateShippingLabel",
      kind: "lambda",
      pattern: "request-response",
      parameters: { orderId: "o-1" },
    });
    expect(answer).toMatchObject({ output: { labelUrl: "https://labels.example.com/o-1.pdf" } });
  });

  it("replays a recording end to end with its timing", async () => {
    const source = {
      executionArn: "arn:aws:states:eu-west-1:1:execution:M:e",
      name: "e",
      stateMachineArn: "arn:aws:states:eu-west-1:1:stateMachine:M",
      stateMachineName: "M",
      definition,
      status: "FAILED",
      events: recorded,
    };
    const replay = await replayExecution(source);
    expect(replay.events.map((e) => e.type)).toEqual([...recorded.map((e) => e.type), "ExecutionFailed"]);
    expect(replay.error).toBe("Custom");
    // An unchanged replay lands each outcome on its recorded instant: the retry fails at 3900 ms,
    // as recorded, although the engine's own timeout (2 s after its schedule at 0) came earlier.
    expect(replay.stopDate.getTime() - START.getTime()).toBe(3900);
    // An edited replay takes each call's recorded duration instead: 2000 + 1000 + 400.
    const edited = await replayExecution(source, { input: {}, match: "position" });
    expect(edited.stopDate.getTime() - START.getTime()).toBe(2000 + 1000 + 400);
  });
});

describe("missing-result rules", () => {
  it("parses the CLI forms and picks examples for the bundled machines", () => {
    expect(parseMissingRule("fail")).toEqual({ kind: "fail" });
    expect(parseMissingRule("mocks:tests/m.json#Happy Path")).toEqual({ kind: "mocks", file: "tests/m.json", testCase: "Happy Path" });
    expect(() => parseMissingRule("guess")).toThrow(/unknown missing-result rule "guess"/);
    expect(defaultMissingRule({ stateMachineName: "EcommerceOrder", source: "local" })).toBe("examples");
    expect(defaultMissingRule({ stateMachineName: "Billing", source: "local" })).toBe("fail");
    // a production machine that shares an example's name never gets the demo handlers
    expect(defaultMissingRule({ stateMachineName: "EcommerceOrder", source: "aws" })).toBe("fail");
    // and replay itself knows no example handlers: the caller gives them
    expect(() => missingInvoker("examples", "EcommerceOrder")).toThrow(/"examples" is not available here/);
  });
});
