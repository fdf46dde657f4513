import { describe, expect, it } from "vitest";
import { runExecution, startExecution } from "../../index";
import type { TaskOutcome, TaskRequest } from "../../ports";

/**
 * `$$.Task.Token` per integration pattern. Facts: AWS's developer guide ("Wait for a Callback with
 * the Task Token": `$$.Task.Token` in a `.waitForTaskToken` task's Parameters); AWS's recorded
 * history of `states:startExecution.sync` passing `"TaskToken.$": "$$.Task.Token"` to its child,
 * whose SendTaskSuccess ends the parent's task with the sent output after TaskSubmitted
 * (LocalStack tests/aws/services/stepfunctions/v2/callback/test_callback.snapshot.json,
 * test_sync_with_task_token); the SendTaskHeartbeat API reference ("Task states using the job
 * run pattern" hold tokens too).
 */
const start = new Date("2024-05-01T10:00:00Z");

function task(resource: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { StartAt: "T", States: { T: { Type: "Task", Resource: resource, ...fields, End: true } } };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
}

describe("$$.Task.Token by integration pattern", () => {
  it("resolves inside a states:startExecution.sync task, and the child's SendTaskSuccess on it ends the task", async () => {
    const requests: TaskRequest[] = [];
    const handle = startExecution({
      definition: task("arn:aws:states:::states:startExecution.sync", {
        Parameters: {
          StateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:child",
          Input: { "TaskToken.$": "$$.Task.Token" },
        },
      }),
      input: {},
      context: { startTime: start },
      // The child runs until the token is answered: the job itself never finishes here.
      taskInvoker: { invoke: (r) => (requests.push(r), new Promise<TaskOutcome>(() => {})) },
    });
    await until(() => requests.length > 0);
    const token = requests[0].taskToken!;
    expect(token).toMatch(/\S/);
    expect((requests[0].parameters as { Input: { TaskToken: string } }).Input.TaskToken).toBe(token);
    handle.sendTaskSuccess(token, "SQS_SEND_MESSAGE_AND_WAIT");
    const result = await handle.result;
    expect(result.status).toBe("SUCCEEDED");
    expect(result.output).toBe("SQS_SEND_MESSAGE_AND_WAIT");
    expect(result.events.map((e) => e.type).slice(2, 6)).toEqual(["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded"]);
  });

  it("lets the execution go on (virtual time included) while the job keeps running after its token was answered", async () => {
    const requests: TaskRequest[] = [];
    const definition = task("arn:aws:states:::states:startExecution.sync", {
      Parameters: { Input: { "TaskToken.$": "$$.Task.Token" } },
    }) as {
      States: Record<string, Record<string, unknown>>;
    };
    definition.States.T = { ...definition.States.T, End: undefined, Next: "Later" };
    definition.States.Later = { Type: "Wait", Seconds: 10, End: true };
    const handle = startExecution({
      definition,
      input: {},
      context: { startTime: start },
      taskInvoker: { invoke: (r) => (requests.push(r), new Promise<TaskOutcome>(() => {})) },
    });
    await until(() => requests.length > 0);
    handle.sendTaskSuccess(requests[0].taskToken!, { done: true });
    const result = await handle.result;
    expect([result.status, result.stopDate.getTime() - start.getTime()]).toEqual(["SUCCEEDED", 10_000]);
  }, 5000);

  it("fails a .sync:2 task through SendTaskFailure on its token, read as $states.context.Task.Token in JSONata", async () => {
    const requests: TaskRequest[] = [];
    const handle = startExecution({
      definition: task("arn:aws:states:::states:startExecution.sync:2", {
        QueryLanguage: "JSONata",
        Arguments: {
          StateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:child",
          Input: { TaskToken: "{% $states.context.Task.Token %}" },
        },
      }),
      input: {},
      taskInvoker: { invoke: (r) => (requests.push(r), new Promise<TaskOutcome>(() => {})) },
    });
    await until(() => requests.length > 0);
    const token = requests[0].taskToken!;
    expect((requests[0].parameters as { Input: { TaskToken: string } }).Input.TaskToken).toBe(token);
    handle.sendTaskFailure(token, "Child.Refused", "no");
    const result = await handle.result;
    expect([result.status, result.error, result.cause]).toEqual(["FAILED", "Child.Refused", "no"]);
  });

  it("lets a .sync job that finishes first give the result, after which its token is spent", async () => {
    const requests: TaskRequest[] = [];
    let finish!: (outcome: TaskOutcome) => void;
    const handle = startExecution({
      definition: task("arn:aws:states:::glue:startJobRun.sync", { Parameters: { "Token.$": "$$.Task.Token" } }),
      input: {},
      taskInvoker: { invoke: (r) => (requests.push(r), new Promise<TaskOutcome>((resolve) => (finish = resolve))) },
    });
    await until(() => requests.length > 0);
    finish({ output: { JobRunState: "SUCCEEDED" }, submitted: { JobRunId: "jr_1" } } as TaskOutcome);
    const result = await handle.result;
    expect(result.output).toEqual({ JobRunState: "SUCCEEDED" });
    expect(() => handle.sendTaskSuccess(requests[0].taskToken!, {})).toThrow(/does not exist/);
  });

  it("gives request-response tasks no token (the path fails as on AWS) and activities none in their context", async () => {
    const seen: TaskRequest[] = [];
    const invoker = { invoke: (r: TaskRequest) => (seen.push(r), { output: { ok: true } }) };
    const plain = await runExecution({
      definition: task("arn:aws:states:::sqs:sendMessage", { Parameters: { "t.$": "$$.Task.Token" } }),
      input: {},
      taskInvoker: invoker,
    });
    expect(plain.status).toBe("FAILED");
    expect(plain.error).toBe("States.Runtime");
    expect(seen).toHaveLength(0);
    const whole = await runExecution({
      definition: task("arn:aws:states:::sqs:sendMessage", { Parameters: { "c.$": "$$" } }),
      input: {},
      taskInvoker: invoker,
    });
    expect(whole.status).toBe("SUCCEEDED");
    expect(Object.keys((seen[0].parameters as { c: object }).c)).not.toContain("Task");
    expect(seen[0].taskToken).toBeUndefined();
    const activity = await runExecution({
      definition: task("arn:aws:states:us-east-1:111111111111:activity:work", { Parameters: { "c.$": "$$" } }),
      input: {},
      taskInvoker: invoker,
    });
    expect(activity.status).toBe("SUCCEEDED");
    expect(seen[1].taskToken).toMatch(/\S/);
    expect(Object.keys((seen[1].parameters as { c: object }).c)).not.toContain("Task");
  });
});
