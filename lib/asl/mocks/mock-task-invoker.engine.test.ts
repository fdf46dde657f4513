import { describe, expect, it } from "vitest";
import { runExecution } from "../index";
import { createMockTaskInvoker } from "./mock-task-invoker";
import { parseMockConfig } from "./parse-mock-config";

const definition = {
  StartAt: "Charge",
  States: {
    Charge: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "charge", "Payload.$": "$" },
      Retry: [{ ErrorEquals: ["Lambda.TooManyRequestsException", "Lambda.ServiceException"], IntervalSeconds: 1, MaxAttempts: 3 }],
      ResultSelector: { "charged.$": "$.Payload.charged" },
      ResultPath: "$.charge",
      Next: "Each",
    },
    Each: {
      Type: "Map",
      ItemsPath: "$.items",
      MaxConcurrency: 1,
      ItemProcessor: {
        StartAt: "Notify",
        States: { Notify: { Type: "Task", Resource: "arn:aws:states:::sns:publish", Parameters: { "Message.$": "$" }, End: true } },
      },
      End: true,
    },
  },
};

const config = parseMockConfig({
  StateMachines: {
    Orders: {
      TestCases: {
        RetryPath: { Charge: "ChargeRetry", Notify: "NotifyTwice" },
        Exhausted: { Charge: "ChargeRetry", Notify: "NotifyOnce" },
      },
    },
  },
  MockedResponses: {
    ChargeRetry: {
      "0": { Throw: { Error: "Lambda.ServiceException", Cause: "boom" } },
      "1-2": { Throw: { Error: "Lambda.TooManyRequestsException", Cause: "slow down" } },
      "3": { Return: { StatusCode: 200, Payload: { charged: true } } },
    },
    NotifyTwice: { "0": { Return: { MessageId: "first" } }, "1": { Return: { MessageId: "second" } } },
    NotifyOnce: { "0": { Return: { MessageId: "only" } } },
  },
});

describe("mock task invoker in the engine", () => {
  it("drives retries and Map iterations from the mocked responses", async () => {
    const result = await runExecution({
      definition,
      input: { items: ["a", "b"] },
      taskInvoker: createMockTaskInvoker(config, "Orders", "RetryPath"),
    });
    expect(result.status).toBe("SUCCEEDED");
    expect(result.output).toEqual([{ MessageId: "first" }, { MessageId: "second" }]);
    const types = result.events.map((e) => e.type);
    expect(types.filter((t) => t === "TaskFailed")).toHaveLength(3);
    expect(types.filter((t) => t === "TaskSucceeded")).toHaveLength(3);
  });

  it("fails the execution with States.Runtime once a state's mocked responses run out", async () => {
    const result = await runExecution({
      definition,
      input: { items: ["a", "b"] },
      taskInvoker: createMockTaskInvoker(config, "Orders", "Exhausted"),
    });
    expect(result.status).toBe("FAILED");
    expect(result.error).toBe("States.Runtime");
    expect(result.cause).toContain("Mocked response 'NotifyOnce' has no entry for invocation 1 of state 'Notify'.");
  });
});
