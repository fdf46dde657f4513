import { describe, expect, it } from "vitest";
import { runExecution, startExecution } from "../index";
import type { TaskRequest } from "../ports";
import { eventLines } from "../../../testing/asl/event-lines";

const start = new Date("2024-05-01T10:00:00Z");
const waitTask = (extra: Record<string, unknown> = {}) => ({
  StartAt: "Ask",
  States: {
    Ask: {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { QueueUrl: "q", MessageBody: { "token.$": "$$.Task.Token" } },
      ...extra,
      End: true,
    },
  },
});

/** Waits until the execution has called the invoker (it runs on the microtask/macrotask queues). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
}

describe("execution handle", () => {
  it("completes a waitForTaskToken task through sendTaskSuccess", async () => {
    const requests: TaskRequest[] = [];
    const handle = startExecution({
      definition: waitTask(),
      input: {},
      context: { startTime: start },
      taskInvoker: { invoke: (r) => (requests.push(r), { pending: true }) },
    });
    await until(() => requests.length > 0);
    const token = requests[0].taskToken!;
    expect((requests[0].parameters as { MessageBody: { token: string } }).MessageBody.token).toBe(token);
    expect(handle.events().map((e) => e.type)).toContain("TaskSubmitted");
    handle.sendTaskSuccess(token, { answer: 42 });
    const result = await handle.result;
    expect(result.output).toEqual({ answer: 42 });
    expect(eventLines(result.events).slice(-3)).toEqual(["6<-5 TaskSucceeded", "7<-6 TaskStateExited", "8<-7 ExecutionSucceeded"]);
  });

  it("fails the task through sendTaskFailure and rejects unknown tokens", async () => {
    const requests: TaskRequest[] = [];
    const handle = startExecution({
      definition: waitTask(),
      input: {},
      taskInvoker: { invoke: (r) => (requests.push(r), { pending: true }) },
    });
    await until(() => requests.length > 0);
    expect(() => handle.sendTaskSuccess("nope", {})).toThrow(/does not exist/);
    handle.sendTaskFailure(requests[0].taskToken!, "Rejected", "no thanks");
    const result = await handle.result;
    expect([result.status, result.error, result.cause]).toEqual(["FAILED", "Rejected", "no thanks"]);
  });

  it("holds virtual time while a live execution waits for a callback, heartbeats included", async () => {
    const requests: TaskRequest[] = [];
    const handle = startExecution({
      definition: waitTask({ TimeoutSeconds: 60, HeartbeatSeconds: 10 }),
      input: {},
      context: { startTime: start },
      taskInvoker: { invoke: (r) => (requests.push(r), { pending: true }) },
    });
    await until(() => requests.length > 0);
    await new Promise((r) => setTimeout(r, 20));
    handle.sendTaskHeartbeat(requests[0].taskToken!);
    handle.sendTaskSuccess(requests[0].taskToken!, "done");
    const result = await handle.result;
    expect(result.status).toBe("SUCCEEDED");
    expect(result.stopDate).toEqual(start);
  });

  it("times out a callback that never comes in runExecution (heartbeat first)", async () => {
    const result = await runExecution({
      definition: waitTask({ TimeoutSeconds: 600, HeartbeatSeconds: 5 }),
      input: {},
      context: { startTime: start },
      taskInvoker: { invoke: () => ({ pending: true }) },
    });
    expect(result.error).toBe("States.Timeout");
    expect(result.stopDate.getTime() - start.getTime()).toBe(5000);
  });

  it("aborts on stop() with ExecutionAborted", async () => {
    const handle = startExecution({
      definition: { StartAt: "W", States: { W: { Type: "Wait", Seconds: 10, End: true } } },
      input: {},
      taskInvoker: { invoke: () => ({ pending: true }) },
    });
    handle.stop("Manual", "stopped by test");
    const result = await handle.result;
    expect(result.status).toBe("ABORTED");
    expect(result.events.at(-1)).toMatchObject({
      type: "ExecutionAborted",
      executionAbortedEventDetails: { error: "Manual", cause: "stopped by test" },
    });
  });

  it("times out the whole execution at the state machine's TimeoutSeconds", async () => {
    const result = await runExecution({
      definition: { TimeoutSeconds: 30, StartAt: "W", States: { W: { Type: "Wait", Seconds: 86_400, End: true } } },
      input: {},
      context: { startTime: start },
    });
    expect(result.status).toBe("TIMED_OUT");
    expect(result.events.at(-1)?.type).toBe("ExecutionTimedOut");
    expect(result.stopDate.getTime() - start.getTime()).toBe(30_000);
  });

  it("fails an execution that outgrows maxEvents", async () => {
    const loop = { StartAt: "A", States: { A: { Type: "Pass", Next: "A" } } };
    const result = await runExecution({ definition: loop, input: {}, maxEvents: 100 });
    expect(result.status).toBe("FAILED");
    expect(result.events).toHaveLength(100);
    expect(result.events.at(-1)?.type).toBe("ExecutionFailed");
  });

  it("replays from a checkpoint state with restored variables", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "A",
        States: {
          A: { Type: "Pass", Result: "skipped", Next: "B" },
          B: { Type: "Pass", Parameters: { "v.$": "$v", "in.$": "$" }, End: true },
        },
      },
      input: { original: true },
      startFrom: { stateName: "B", input: { resumed: true }, variables: { v: 9 } },
    });
    expect(result.output).toEqual({ v: 9, in: { resumed: true } });
    expect(result.events.map((e) => e.type)).toEqual(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
  });

  it("runs a one-day Wait instantly on the virtual clock", async () => {
    const began = Date.now();
    const result = await runExecution({
      definition: { StartAt: "W", States: { W: { Type: "Wait", Seconds: 86_400, End: true } } },
      input: {},
      context: { startTime: start },
    });
    expect(result.stopDate.getTime() - start.getTime()).toBe(86_400_000);
    expect(Date.now() - began).toBeLessThan(1000);
  });

  it("shows $$.Execution.RedriveCount (0 by default) unless redriveCount is null", async () => {
    const definition = { StartAt: "P", States: { P: { Type: "Pass", Parameters: { "e.$": "$$.Execution" }, End: true } } };
    const current = await runExecution({ definition, input: {}, context: { startTime: start } });
    expect(Object.keys((current.output as { e: object }).e)).toEqual(["Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount"]);
    const redriven = await runExecution({ definition, input: {}, context: { startTime: start, redriveCount: 2 } });
    expect((redriven.output as { e: { RedriveCount: number } }).e.RedriveCount).toBe(2);
    const old = await runExecution({ definition, input: {}, context: { startTime: start, redriveCount: null } });
    expect(Object.keys((old.output as { e: object }).e)).toEqual(["Id", "Input", "StartTime", "Name", "RoleArn"]);
  });
});

describe("callbacks answered during the task call", () => {
  it("accepts SendTaskSuccess sent from inside the invoker", async () => {
    // the invoker runs after startExecution returned (the engine starts on a later tick), so `handle` is set
    const handle: ReturnType<typeof startExecution> = startExecution({
      definition: waitTask(),
      input: {},
      taskInvoker: {
        invoke: (r) => {
          handle.sendTaskSuccess(r.taskToken!, "early");
          return { pending: true };
        },
      },
    });
    expect((await handle.result).output).toBe("early");
  });
});
