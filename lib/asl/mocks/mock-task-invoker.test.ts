import { describe, expect, it } from "vitest";
import type { TaskRequest } from "../ports";
import { createMockTaskInvoker } from "./mock-task-invoker";
import { MockConfigError } from "./mock-config-error";
import { parseMockConfig } from "./parse-mock-config";

const config = parseMockConfig({
  StateMachines: {
    Orders: {
      TestCases: {
        RetryPath: { Charge: "ChargeRetry", Notify: "NotifyOk" },
        Exhausted: { Charge: "ChargeOnce" },
        Gap: { Charge: "ChargeGap" },
      },
    },
  },
  MockedResponses: {
    ChargeRetry: {
      "0": { Throw: { Error: "Lambda.ServiceException", Cause: "boom" } },
      "1-2": { Throw: { Error: "Lambda.TooManyRequestsException", Cause: "slow down" } },
      "3": { Return: { StatusCode: 200, Payload: { charged: true } } },
    },
    ChargeOnce: { "0": { Return: { ok: 1 } } },
    ChargeGap: { "0": { Return: "a" }, "2": { Return: "c" } },
    NotifyOk: { "0": { Return: { MessageId: "m-1" } } },
  },
});

const request = (stateName: string, attempt = 0): TaskRequest => ({
  stateName,
  resource: "arn:aws:states:::lambda:invoke",
  kind: "service",
  pattern: "request-response",
  parameters: {},
  attempt,
  now: new Date(0),
});

describe("createMockTaskInvoker", () => {
  it("answers each call of a state with the entry covering its invocation number", async () => {
    const invoker = createMockTaskInvoker(config, "Orders", "RetryPath");
    const outcomes = [];
    for (let attempt = 0; attempt < 4; attempt++) outcomes.push(await invoker.invoke(request("Charge", attempt)));
    expect(outcomes).toEqual([
      { error: "Lambda.ServiceException", cause: "boom" },
      { error: "Lambda.TooManyRequestsException", cause: "slow down" },
      { error: "Lambda.TooManyRequestsException", cause: "slow down" },
      { output: { StatusCode: 200, Payload: { charged: true } } },
    ]);
    expect(await invoker.invoke(request("Notify"))).toEqual({ output: { MessageId: "m-1" } });
    expect(invoker.calls.get("Charge")).toBe(4);
  });

  it("counts invocations per state across state entries (Map iterations, loops), not per attempt", async () => {
    const invoker = createMockTaskInvoker(config, "Orders", "RetryPath");
    // Two Map iterations, each entering Charge afresh (attempt 0 each time).
    expect(await invoker.invoke(request("Charge", 0))).toMatchObject({ error: "Lambda.ServiceException" });
    expect(await invoker.invoke(request("Charge", 0))).toMatchObject({ error: "Lambda.TooManyRequestsException" });
  });

  it("can select entries by retry attempt instead", async () => {
    const invoker = createMockTaskInvoker(config, "Orders", "RetryPath", { index: "attempt" });
    expect(await invoker.invoke(request("Charge", 0))).toMatchObject({ error: "Lambda.ServiceException" });
    expect(await invoker.invoke(request("Charge", 0))).toMatchObject({ error: "Lambda.ServiceException" });
    expect(await invoker.invoke(request("Charge", 3))).toMatchObject({ output: { StatusCode: 200 } });
  });

  it("fails the state with States.Runtime when the responses are exhausted or have a gap", async () => {
    const once = createMockTaskInvoker(config, "Orders", "Exhausted");
    expect(await once.invoke(request("Charge"))).toEqual({ output: { ok: 1 } });
    expect(await once.invoke(request("Charge", 1))).toEqual({
      error: "States.Runtime",
      cause: "Mocked response 'ChargeOnce' has no entry for invocation 1 of state 'Charge'.",
    });
    const gap = createMockTaskInvoker(config, "Orders", "Gap");
    const answers = [await gap.invoke(request("Charge")), await gap.invoke(request("Charge")), await gap.invoke(request("Charge"))];
    expect(answers.map((a) => ("output" in a ? a.output : "error" in a ? a.error : "pending"))).toEqual(["a", "States.Runtime", "c"]);
  });

  it("hands unmocked states to the fallback, or fails them without one", async () => {
    const withFallback = createMockTaskInvoker(config, "Orders", "Exhausted", {
      fallback: { invoke: (r) => ({ output: `real ${r.stateName}` }) },
    });
    expect(await withFallback.invoke(request("Notify"))).toEqual({ output: "real Notify" });
    const without = createMockTaskInvoker(config, "Orders", "Exhausted");
    expect(await without.invoke(request("Notify"))).toMatchObject({ error: "States.Runtime" });
  });

  it("returns a fresh copy of the mocked value each time", async () => {
    const invoker = createMockTaskInvoker(config, "Orders", "RetryPath");
    const first = await invoker.invoke(request("Notify"));
    if ("output" in first) (first.output as Record<string, unknown>).MessageId = "changed";
    expect(config.mockedResponses.NotifyOk[0].response).toEqual({ type: "return", value: { MessageId: "m-1" } });
  });

  it("rejects unknown state machines and test cases, naming the configured ones", () => {
    expect(() => createMockTaskInvoker(config, "Nope", "RetryPath")).toThrow(MockConfigError);
    expect(() => createMockTaskInvoker(config, "Orders", "Nope")).toThrow(
      /no test case "Nope" \(configured: "RetryPath", "Exhausted", "Gap"\)/,
    );
  });
});
