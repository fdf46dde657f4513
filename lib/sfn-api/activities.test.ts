import {
  ActivityDoesNotExist,
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DescribeActivityCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidName,
  ListActivitiesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  type HistoryEvent,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IngestedExecution } from "../ingest/types";
import { localSfnClient } from "../../testing/sfn-local-client";
import { createLocalSfnService, startSfnServer, type SfnServer } from "./index";

const ROLE = "arn:aws:iam::123456789012:role/statelens-test";
const POLL_MS = 1000;

let server: SfnServer;
let sfn: SFNClient;
const waiting: IngestedExecution[] = [];

beforeAll(async () => {
  server = await startSfnServer({
    service: createLocalSfnService({
      waitClock: "fast",
      activityPollMs: POLL_MS,
      onExecutionWaiting: (execution) => void waiting.push(execution),
    }),
  });
  sfn = localSfnClient(server.url);
});
afterAll(async () => {
  sfn.destroy();
  await server.close();
});

function activityMachine(activityArn: string, task: Record<string, unknown> = {}): string {
  return JSON.stringify({ StartAt: "Work", States: { Work: { Type: "Task", Resource: activityArn, End: true, ...task } } });
}

async function start(name: string, definition: string, input = "{}"): Promise<string> {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE }));
  return (await sfn.send(new StartExecutionCommand({ stateMachineArn, input }))).executionArn!;
}

async function createMachine(name: string, definition: string): Promise<string> {
  return (await sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE }))).stateMachineArn!;
}

async function history(executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
}

async function closed(executionArn: string) {
  for (let i = 0; i < 100; i++) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== "RUNNING") return described;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${executionArn} still running`);
}

const msBetween = (events: HistoryEvent[], from: string, to: string) =>
  events.find((e) => e.type === to)!.timestamp!.getTime() - events.find((e) => e.type === from)!.timestamp!.getTime();

describe("activities through @aws-sdk/client-sfn", () => {
  it("creates (idempotently, with tags), describes, lists with paging and deletes activities", async () => {
    const first = await sfn.send(new CreateActivityCommand({ name: "list-b", tags: [{ key: "team", value: "a" }] }));
    expect(first.activityArn).toBe("arn:aws:states:us-east-1:123456789012:activity:list-b");
    const again = await sfn.send(new CreateActivityCommand({ name: "list-b", tags: [{ key: "other", value: "b" }] }));
    expect(again).toMatchObject({ activityArn: first.activityArn, creationDate: first.creationDate });
    await sfn.send(new CreateActivityCommand({ name: "list-a" }));
    const described = await sfn.send(new DescribeActivityCommand({ activityArn: first.activityArn }));
    expect(described).toMatchObject({ activityArn: first.activityArn, name: "list-b", encryptionConfiguration: { type: "AWS_OWNED_KEY" } });
    expect(described.creationDate).toEqual(first.creationDate);

    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListActivitiesCommand({ maxResults: 1, nextToken }));
      expect(page.activities!.length).toBeLessThanOrEqual(1);
      names.push(...page.activities!.map((a) => a.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(names.filter((n) => n.startsWith("list-"))).toEqual(["list-a", "list-b"]);

    await sfn.send(new DeleteActivityCommand({ activityArn: first.activityArn }));
    await sfn.send(new DeleteActivityCommand({ activityArn: first.activityArn }));
    const gone = await sfn.send(new DescribeActivityCommand({ activityArn: first.activityArn })).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ActivityDoesNotExist);
    expect((gone as Error).message).toBe(`Activity Does Not Exist: '${first.activityArn}'`);
    await expect(sfn.send(new GetActivityTaskCommand({ activityArn: first.activityArn }))).rejects.toBeInstanceOf(ActivityDoesNotExist);
    const invalid = await sfn.send(new DescribeActivityCommand({ activityArn: "no_an_activity_arn" })).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(InvalidArn);
    expect((invalid as Error).message).toBe("Invalid Arn: 'Invalid ARN prefix: no_an_activity_arn'");
    await expect(sfn.send(new CreateActivityCommand({ name: "activity name" }))).rejects.toBeInstanceOf(InvalidName);
  });

  it("runs an activity Task with a worker loop: GetActivityTask, SendTaskHeartbeat, SendTaskSuccess", async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "greeter" }));
    const executionArn = await start(
      "greet",
      activityMachine(activityArn!, { TimeoutSeconds: 60, HeartbeatSeconds: 10 }),
      '{"who":"world"}',
    );
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe("RUNNING");

    // the worker, as one is written against the SDK: poll, heartbeat, answer
    let handled = 0;
    while (handled === 0) {
      const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "worker-1" }));
      if (!task.taskToken) continue;
      const input = JSON.parse(task.input!) as { who: string };
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
      await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify({ greeting: `hello ${input.who}` }) }));
      handled++;
    }
    expect(await closed(executionArn)).toMatchObject({ status: "SUCCEEDED", output: '{"greeting":"hello world"}' });
    const events = await history(executionArn);
    expect(events.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "ActivityScheduled",
      "ActivityStarted",
      "ActivitySucceeded",
      "TaskStateExited",
      "ExecutionSucceeded",
    ]);
    expect(events[2].activityScheduledEventDetails).toEqual({
      resource: activityArn,
      input: '{"who":"world"}',
      inputDetails: { truncated: false },
      timeoutInSeconds: 60,
      heartbeatInSeconds: 10,
    });
    expect(events[3]).toMatchObject({ previousEventId: 3, activityStartedEventDetails: { workerName: "worker-1" } });
    expect(events[4].activitySucceededEventDetails).toEqual({ output: '{"greeting":"hello world"}', outputDetails: { truncated: false } });

    // the dashboard heard of the execution while it waited for a worker, and once one took it
    const reports = waiting.filter((w) => w.executionArn === executionArn);
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports.every((r) => r.status === "RUNNING")).toBe(true);
    const lastTypes = (r: IngestedExecution) => r.events.map((e) => e.type);
    expect(lastTypes(reports[0])).toContain("ActivityScheduled");
    expect(reports.some((r) => lastTypes(r).includes("ActivityStarted"))).toBe(true);
  });

  it("records SendTaskFailure as ActivityFailed, and fails a Task on a missing activity as AWS does", async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "failing" }));
    const executionArn = await start("fail-activity", activityMachine(activityArn!));
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: task.taskToken!, error: "Programmatic Error", cause: "bad input" }));
    expect(await closed(executionArn)).toMatchObject({ status: "FAILED", error: "Programmatic Error", cause: "bad input" });
    const events = await history(executionArn);
    expect(events.map((e) => e.type).slice(2)).toEqual(["ActivityScheduled", "ActivityStarted", "ActivityFailed", "ExecutionFailed"]);
    expect(events[3].activityStartedEventDetails).toEqual({});
    expect(events[4].activityFailedEventDetails).toEqual({ error: "Programmatic Error", cause: "bad input" });

    const missing = "arn:aws:states:us-east-1:123456789012:activity:never-created";
    const orphan = await start("missing-activity", activityMachine(missing));
    expect(await closed(orphan)).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause: `An error occurred while executing the state 'Work' (entered at the event id #2). The activity ${missing} does not exist.`,
    });
    expect((await history(orphan)).map((e) => e.type)).toEqual(["ExecutionStarted", "TaskStateEntered", "ExecutionFailed"]);
  });

  it("long-polls: GetActivityTask answers when a task arrives, and {} once its poll time passes", async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "polled" }));
    const before = Date.now();
    const empty = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "idle" }));
    expect(empty.taskToken).toBeUndefined();
    expect(Date.now() - before).toBeGreaterThanOrEqual(POLL_MS - 50);

    const stateMachineArn = await createMachine("polled", activityMachine(activityArn!));
    const polling = sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "eager" }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const sent = Date.now();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":1}' }));
    const task = await polling;
    expect(task).toMatchObject({ input: '{"n":1}' });
    expect(Date.now() - sent).toBeLessThan(POLL_MS);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken!, output: "{}" }));
    expect((await closed(executionArn!)).status).toBe("SUCCEEDED");
  });
});

describe("activity tasks and the executions that wait on them", () => {
  it("hands no task to a worker that left its poll, and withdraws a task when its execution stops", async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "leaving" }));
    const stateMachineArn = await createMachine("leaving", activityMachine(activityArn!));
    const leaving = new AbortController();
    const abandoned = sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "gone" }), { abortSignal: leaving.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    leaving.abort();
    await expect(abandoned).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "stayed" }));
    expect(task.taskToken).toBeDefined();
    const events = await history(executionArn!);
    expect(events.find((e) => e.type === "ActivityStarted")!.activityStartedEventDetails).toEqual({ workerName: "stayed" });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken!, output: "{}" }));

    const stopped = (await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }))).executionArn!;
    await sfn.send(new StopExecutionCommand({ executionArn: stopped }));
    expect((await closed(stopped)).status).toBe("ABORTED");
    expect((await sfn.send(new GetActivityTaskCommand({ activityArn }))).taskToken).toBeUndefined();
  });
});

describe("waits for the outside world on the wall clock", () => {
  it("fails an activity whose worker misses its heartbeat, at the real deadline, as States.Timeout", async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "silent" }));
    const executionArn = await start("silent", activityMachine(activityArn!, { HeartbeatSeconds: 1, TimeoutSeconds: 30 }));
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "sleepy" }));
    expect(task.taskToken).toBeDefined();
    const described = await closed(executionArn);
    expect(described).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    const events = await history(executionArn);
    expect(events.map((e) => e.type).slice(3)).toEqual(["ActivityStarted", "ActivityTimedOut", "ExecutionFailed"]);
    expect(events[4].activityTimedOutEventDetails).toEqual({ error: "States.Timeout" });
    const waited = msBetween(events, "ActivityStarted", "ActivityTimedOut");
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(waited).toBeLessThan(1500);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken!, output: "{}" }))).rejects.toBeInstanceOf(
      TaskDoesNotExist,
    );
  });

  it("times out an activity no worker takes, and withdraws its task", async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "unattended" }));
    const executionArn = await start("unattended", activityMachine(activityArn!, { TimeoutSeconds: 1 }));
    expect(await closed(executionArn)).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    const events = await history(executionArn);
    expect(events.map((e) => e.type).slice(2)).toEqual(["ActivityScheduled", "ActivityTimedOut", "ExecutionFailed"]);
    expect(msBetween(events, "ActivityScheduled", "ActivityTimedOut")).toBeGreaterThanOrEqual(1000);
    expect((await sfn.send(new GetActivityTaskCommand({ activityArn }))).taskToken).toBeUndefined();
  });

  const callback = (task: Record<string, unknown>) =>
    JSON.stringify({
      StartAt: "Approve",
      States: {
        Approve: {
          Type: "Task",
          Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q", MessageBody: { "token.$": "$$.Task.Token" } },
          End: true,
          ...task,
        },
      },
    });

  async function tokenOf(executionArn: string): Promise<string> {
    const scheduled = (await history(executionArn)).find((e) => e.type === "TaskScheduled")!;
    return JSON.parse(scheduled.taskScheduledEventDetails!.parameters!).MessageBody.token;
  }

  it("records a callback answered 2 s later about 2 s after TaskSubmitted", async () => {
    const executionArn = await start("slow-callback", callback({}));
    const token = await tokenOf(executionArn);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"late":true}' }));
    expect((await closed(executionArn)).status).toBe("SUCCEEDED");
    const took = msBetween(await history(executionArn), "TaskSubmitted", "TaskSucceeded");
    expect(took).toBeGreaterThanOrEqual(2000);
    expect(took).toBeLessThan(2600);
  });

  it("fails a callback at its TimeoutSeconds with no API call arriving, and Catch handles it", async () => {
    const definition = JSON.parse(callback({ TimeoutSeconds: 1, Catch: [{ ErrorEquals: ["States.Timeout"], Next: "Late" }] })) as {
      States: Record<string, unknown>;
    };
    definition.States.Approve = { ...(definition.States.Approve as object), End: undefined, Next: "Late" };
    definition.States.Late = { Type: "Pass", End: true };
    const executionArn = await start("callback-timeout", JSON.stringify(definition));
    expect(await closed(executionArn)).toMatchObject({ status: "SUCCEEDED", output: '{"Error":"States.Timeout","Cause":""}' });
    const events = await history(executionArn);
    expect(events.find((e) => e.type === "TaskTimedOut")!.taskTimedOutEventDetails).toMatchObject({ error: "States.Timeout" });
    const waited = msBetween(events, "TaskScheduled", "TaskTimedOut");
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(waited).toBeLessThan(1500);
  });
});
