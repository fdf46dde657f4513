import { describe, expect, it } from "vitest";
import { runExecution } from "../../index";
import type { TaskInvoker, TaskOutcome, TaskRequest } from "../../ports";
import { detailsOf, eventLines } from "../../../../testing/asl/event-lines";

const start = new Date("2024-05-01T10:00:00Z");
const fn = "arn:aws:lambda:eu-west-1:111122223333:function:work";

function invoker(answer: (request: TaskRequest) => TaskOutcome): TaskInvoker & { calls: TaskRequest[] } {
  const calls: TaskRequest[] = [];
  return { calls, invoke: (request) => (calls.push(request), answer(request)) };
}

describe("Task state", () => {
  it("emits LambdaFunction* events for a function ARN and advances the clock by durationMs", async () => {
    const tasks = invoker(() => ({ output: { ok: true }, durationMs: 1500 }));
    const result = await runExecution({
      definition: { StartAt: "T", States: { T: { Type: "Task", Resource: fn, TimeoutSeconds: 30, End: true } } },
      input: { a: 1 },
      taskInvoker: tasks,
      context: { startTime: start },
    });
    expect(result.output).toEqual({ ok: true });
    expect(eventLines(result.events)).toEqual([
      "1<-0 ExecutionStarted",
      "2<-0 TaskStateEntered",
      "3<-2 LambdaFunctionScheduled",
      "4<-3 LambdaFunctionStarted",
      "5<-4 LambdaFunctionSucceeded",
      "6<-5 TaskStateExited",
      "7<-6 ExecutionSucceeded",
    ]);
    expect(detailsOf(result.events, "LambdaFunctionScheduled")).toEqual({
      input: '{"a":1}',
      inputDetails: { truncated: false },
      resource: fn,
      timeoutInSeconds: 30,
    });
    expect(result.events[4].timestamp.getTime() - start.getTime()).toBe(1500);
    expect(tasks.calls[0]).toMatchObject({ stateName: "T", kind: "lambda", pattern: "request-response", parameters: { a: 1 }, attempt: 0 });
  });

  it("emits Task* events with resourceType/resource/region for service integrations", async () => {
    const tasks = invoker((r) => ({ output: { Payload: r.parameters } }));
    const result = await runExecution({
      definition: {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke",
            Parameters: { FunctionName: "f", "Payload.$": "$" },
            ResultSelector: { "p.$": "$.Payload" },
            End: true,
          },
        },
      },
      input: { k: "v" },
      taskInvoker: tasks,
      context: { stateMachineArn: "arn:aws:states:eu-central-1:111122223333:stateMachine:sm" },
    });
    expect(result.output).toEqual({ p: { FunctionName: "f", Payload: { k: "v" } } });
    expect(detailsOf(result.events, "TaskScheduled")).toEqual({
      parameters: '{"FunctionName":"f","Payload":{"k":"v"}}',
      region: "eu-central-1",
      resource: "invoke",
      resourceType: "lambda",
    });
    expect(detailsOf(result.events, "TaskSucceeded")).toMatchObject({ resource: "invoke", resourceType: "lambda" });
  });

  it("retries with backoff on the virtual clock, then catches into ResultPath", async () => {
    const tasks = invoker(() => ({ error: "Boom", cause: "it broke" }));
    const result = await runExecution({
      definition: {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: fn,
            Parameters: { "try.$": "$$.State.RetryCount" },
            Retry: [{ ErrorEquals: ["Boom"], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 2 }],
            Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Handled" }],
            End: true,
          },
          Handled: { Type: "Pass", End: true },
        },
      },
      input: { orig: 1 },
      taskInvoker: tasks,
      context: { startTime: start },
    });
    expect(result.output).toEqual({ orig: 1, error: { Error: "Boom", Cause: "it broke" } });
    expect(tasks.calls.map((c) => [c.attempt, c.parameters])).toEqual([
      [0, { try: 0 }],
      [1, { try: 1 }],
      [2, { try: 2 }],
    ]);
    const scheduled = result.events.filter((e) => e.type === "LambdaFunctionScheduled").map((e) => e.timestamp.getTime() - start.getTime());
    expect(scheduled).toEqual([0, 2000, 8000]);
    expect(result.events.map((e) => e.type).filter((t) => t.startsWith("LambdaFunction"))).toHaveLength(9);
  });

  it("times out when the outcome takes longer than TimeoutSeconds", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "T",
        States: { T: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", TimeoutSeconds: 5, End: true } },
      },
      input: {},
      taskInvoker: invoker(() => ({ output: {}, durationMs: 60_000 })),
      context: { startTime: start },
    });
    expect(result.status).toBe("FAILED");
    expect(result.error).toBe("States.Timeout");
    expect(eventLines(result.events).slice(-2)).toEqual(["5<-4 TaskTimedOut", "6<-5 ExecutionFailed"]);
    expect(result.stopDate.getTime() - start.getTime()).toBe(5000);
  });

  it("fails clearly, naming the resource, when no invoker is configured", async () => {
    const result = await runExecution({
      definition: { StartAt: "T", States: { T: { Type: "Task", Resource: fn, End: true } } },
      input: {},
    });
    expect(result.error).toBe("States.TaskFailed");
    expect(result.cause).toContain(fn);
  });

  it("fails with DataLimitExceeded for results over 256 KiB, catchable by States.ALL", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "T",
        States: {
          T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Catch: [{ ErrorEquals: ["States.ALL"], Next: "C" }], End: true },
          C: { Type: "Pass", End: true },
        },
      },
      input: {},
      taskInvoker: invoker(() => ({ output: "é".repeat(140_000) })),
    });
    expect(result.output).toEqual({
      Error: "States.DataLimitExceeded",
      Cause: "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.",
    });
    expect(detailsOf(result.events, "TaskFailed")).toMatchObject({ error: "States.DataLimitExceeded" });
  });

  it("gives a timed-out task's Catch an empty Cause and a SendTaskFailure without fields nulls", async () => {
    const definition = {
      StartAt: "T",
      States: {
        T: {
          Type: "Task",
          Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          TimeoutSeconds: 1,
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "C" }],
          End: true,
        },
        C: { Type: "Pass", End: true },
      },
    };
    const timedOut = await runExecution({ definition, input: {}, taskInvoker: invoker(() => ({ pending: true })) });
    expect(timedOut.output).toEqual({ Error: "States.Timeout", Cause: "" });
    expect(eventLines(timedOut.events).map((l) => l.split(" ")[1])).toContain("TaskSubmitted");
    const failed = await runExecution({ definition, input: {}, taskInvoker: invoker(() => ({ error: "" })) });
    expect(failed.output).toEqual({ Error: null, Cause: null });
  });

  it("fails API Gateway calls whose Headers/QueryParameters are not lists of strings before scheduling them", async () => {
    const tasks = invoker(() => ({ output: { ok: true } }));
    const definition = {
      StartAt: "Api",
      States: {
        Api: {
          Type: "Task",
          Resource: "arn:aws:states:::apigateway:invoke",
          Parameters: { ApiEndpoint: "x", "Headers.$": "$.h" },
          Retry: [{ ErrorEquals: ["States.ALL"] }],
          End: true,
        },
      },
    };
    const bad = await runExecution({ definition, input: { h: { custom: "single" } }, taskInvoker: tasks });
    expect(bad.error).toBe("States.Runtime");
    expect(bad.cause).toBe(
      `An error occurred while executing the state 'Api' (entered at the event id #2). The Parameters '{"ApiEndpoint":"x","Headers":{"custom":"single"}}' could not be used to start the Task: [The value of the field 'Headers' has an invalid format]`,
    );
    expect(eventLines(bad.events)).toEqual(["1<-0 ExecutionStarted", "2<-0 TaskStateEntered", "3<-2 ExecutionFailed"]);
    expect(tasks.calls).toHaveLength(0);
    const good = await runExecution({ definition, input: { h: { custom: ["a", "b"] } }, taskInvoker: tasks });
    expect(good.status).toBe("SUCCEEDED");
  });
});
