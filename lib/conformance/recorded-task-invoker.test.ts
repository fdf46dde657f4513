import { describe, expect, it } from "vitest";
import type { TaskRequest } from "../asl/ports";
import { createRecordedTaskInvoker, NO_RECORDING_ERROR, outcomeOf } from "./recorded-task-invoker";

const request = (stateName: string, parameters: unknown = {}, attempt = 0): TaskRequest => ({
  stateName,
  resource: "arn:aws:states:::lambda:invoke",
  kind: "service",
  pattern: "request-response",
  parameters,
  attempt,
  now: new Date(0),
});

describe("outcomeOf", () => {
  it("maps recorded outcomes to task outcomes", () => {
    expect(outcomeOf({ state: "S", outcome: "TaskSucceeded", output: { a: 1 } })).toEqual({ output: { a: 1 } });
    expect(outcomeOf({ state: "S", outcome: "LambdaFunctionSucceeded" })).toEqual({ output: null });
    expect(outcomeOf({ state: "S", outcome: "ActivityFailed", error: "E", cause: { errorMessage: "m", errorType: "T" } })).toEqual({
      error: "E",
      cause: '{"errorMessage":"m","errorType":"T"}',
    });
    expect(outcomeOf({ state: "S", outcome: "TaskFailed", error: "E" })).toEqual({ error: "E" });
    expect(outcomeOf({ state: "S", outcome: "TaskTimedOut", error: "States.Timeout" })).toEqual({ error: "States.Timeout" });
    expect(outcomeOf({ state: "S", outcome: "ActivityTimedOut" })).toEqual({ error: "States.Timeout" });
    expect(
      outcomeOf({
        state: "S",
        kind: "LambdaFunction",
        outcome: "LambdaFunctionFailed",
        error: "E",
        cause: { errorMessage: "é", trace: [1] },
      }),
    ).toEqual({ error: "E", cause: '{"errorMessage": "\\u00e9", "trace": [1]}' });
    expect(outcomeOf({ state: "S", outcome: "ActivitySucceeded", output: 1, workerName: "w" })).toEqual({ output: 1, workerName: "w" });
    expect(outcomeOf({ state: "S", outcome: "TaskSucceeded", output: 1, submitted: { MessageId: "m" } })).toEqual({
      output: 1,
      submitted: { MessageId: "m" },
    });
    expect(outcomeOf({ state: "S", outcome: null })).toMatchObject({ error: NO_RECORDING_ERROR });
  });
});

describe("createRecordedTaskInvoker", () => {
  it("answers per state in recording order and reports what is left and what was missed", async () => {
    const invoker = createRecordedTaskInvoker([
      { state: "A", outcome: "TaskFailed", error: "Boom", cause: "first" },
      { state: "B", outcome: "TaskSucceeded", output: "b" },
      { state: "A", outcome: "TaskSucceeded", output: "a2" },
    ]);
    expect(await invoker.invoke(request("A"))).toEqual({ error: "Boom", cause: "first" });
    expect(await invoker.invoke(request("A", {}, 1))).toEqual({ output: "a2" });
    expect(invoker.remaining().map((r) => r.state)).toEqual(["B"]);
    expect(await invoker.invoke(request("C"))).toMatchObject({ error: NO_RECORDING_ERROR });
    expect(invoker.misses.map((r) => r.stateName)).toEqual(["C"]);
  });

  it("prefers the unconsumed result whose request equals the call's parameters", async () => {
    const invoker = createRecordedTaskInvoker([
      { state: "Item", outcome: "TaskSucceeded", request: { Payload: 1 }, output: "one" },
      { state: "Item", outcome: "TaskSucceeded", request: { Payload: 2 }, output: "two" },
    ]);
    expect(await invoker.invoke(request("Item", { Payload: 2 }))).toEqual({ output: "two" });
    expect(await invoker.invoke(request("Item", { Payload: 9 }))).toEqual({ output: "one" });
  });

  it("lets a state without results take another state's result with an equal request", async () => {
    const invoker = createRecordedTaskInvoker([
      { state: "Branch2", outcome: "TaskSucceeded", request: { FunctionName: "f1" }, output: "from f1" },
      { state: "Branch2", outcome: "TaskSucceeded", request: { FunctionName: "f2" }, output: "from f2" },
    ]);
    expect(await invoker.invoke(request("Branch1", { FunctionName: "f1" }))).toEqual({ output: "from f1" });
    expect(await invoker.invoke(request("Branch2", { FunctionName: "f2" }))).toEqual({ output: "from f2" });
    expect(await invoker.invoke(request("Branch3", { FunctionName: "f9" }))).toMatchObject({ error: NO_RECORDING_ERROR });
  });
});
