import {
  CreateActivityCommand,
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DescribeActivityCommand,
  DescribeExecutionCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  ListStateMachineVersionsCommand,
  ListTagsForResourceCommand,
  RedriveExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TagResourceCommand,
  type HistoryEvent,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { afterEach, describe, expect, it } from "vitest";
import { memoryJournal } from "../../testing/sfn-api/memory-journal";
import { localSfnClient } from "../../testing/sfn-local-client";
import type { EngineRecord } from "./engine-records";
import { openLocalSfnService, startSfnServer, type SfnServer } from "./index";

const ROLE = "arn:aws:iam::123456789012:role/statelens-test";

interface Engine {
  server: SfnServer;
  sfn: SFNClient;
  journal: ReturnType<typeof memoryJournal>;
}

const running: Engine[] = [];

/** An engine on a journal holding `records` (a fresh one by default). */
async function engine(records: EngineRecord[] = []): Promise<Engine> {
  const journal = memoryJournal(records);
  const { service } = await openLocalSfnService({ journal, waitClock: "fast", activityPollMs: 500 });
  const server = await startSfnServer({ service });
  const started = { server, sfn: localSfnClient(server.url), journal };
  running.push(started);
  return started;
}

/** SIGKILL as the store sees it: the engine writes nothing more; a new engine starts from what was written. */
async function killAndRestart(old: Engine): Promise<Engine> {
  old.journal.kill();
  const records = old.journal.records();
  return engine(records);
}

afterEach(async () => {
  for (const e of running.splice(0)) {
    e.sfn.destroy();
    await e.server.close();
  }
});

const callbackMachine = JSON.stringify({
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Result: { step: 1 }, ResultPath: "$.prepared", Next: "Approve" },
    Approve: {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q", MessageBody: { "token.$": "$$.Task.Token" } },
      TimeoutSeconds: 3600,
      Next: "Done",
    },
    Done: { Type: "Pass", End: true },
  },
});

async function history(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
}

function tokenOf(events: HistoryEvent[]): string {
  const scheduled = events.find((e) => e.type === "TaskScheduled")!;
  return JSON.parse(scheduled.taskScheduledEventDetails!.parameters!).MessageBody.token;
}

async function closed(sfn: SFNClient, executionArn: string) {
  for (let i = 0; i < 200; i++) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== "RUNNING") return described;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${executionArn} still running`);
}

describe("the local engine's state survives a kill and a restart", () => {
  it("keeps state machines, versions, aliases, tags and activities", async () => {
    const first = await engine();
    const { stateMachineArn, stateMachineVersionArn } = await first.sfn.send(
      new CreateStateMachineCommand({
        name: "kept",
        definition: callbackMachine,
        roleArn: ROLE,
        publish: true,
        tags: [{ key: "team", value: "a" }],
      }),
    );
    const { stateMachineAliasArn: aliasArn } = await first.sfn.send(
      new CreateStateMachineAliasCommand({ name: "live", routingConfiguration: [{ stateMachineVersionArn, weight: 100 }] }),
    );
    const { activityArn } = await first.sfn.send(new CreateActivityCommand({ name: "worker" }));
    await first.sfn.send(new TagResourceCommand({ resourceArn: activityArn, tags: [{ key: "k", value: "v" }] }));

    const second = await killAndRestart(first);
    const machine = await second.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(machine.definition).toBe(callbackMachine);
    expect(machine.creationDate).toBeInstanceOf(Date);
    const versions = await second.sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn }));
    expect(versions.stateMachineVersions!.map((v) => v.stateMachineVersionArn)).toEqual([stateMachineVersionArn]);
    const alias = await second.sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));
    expect(alias.routingConfiguration).toEqual([{ stateMachineVersionArn, weight: 100 }]);
    expect((await second.sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags).toEqual([
      { key: "team", value: "a" },
    ]);
    expect((await second.sfn.send(new ListTagsForResourceCommand({ resourceArn: activityArn }))).tags).toEqual([{ key: "k", value: "v" }]);
    expect((await second.sfn.send(new DescribeActivityCommand({ activityArn }))).name).toBe("worker");
    // a version number is never handed out twice, before or after a restart
    const again = await second.sfn.send(
      new CreateStateMachineCommand({ name: "kept-2", definition: callbackMachine, roleArn: ROLE, publish: true }),
    );
    expect(again.stateMachineVersionArn).toMatch(/:kept-2:1$/);
  });

  it("an execution waiting for its task token accepts it after the restart and finishes, the wait in its timestamps", async () => {
    const first = await engine();
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({ name: "cb", definition: callbackMachine, roleArn: ROLE }),
    );
    const { executionArn } = await first.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"order":7}' }));
    const before = await history(first.sfn, executionArn!);
    const token = tokenOf(before);

    const second = await killAndRestart(first);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sentAt = Date.now();
    await second.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    const done = await closed(second.sfn, executionArn!);
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output!)).toEqual({ approved: true });
    const after = await history(second.sfn, executionArn!);
    // the history before the restart is kept as it was, the rest follows it once
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((e) => e.type)).toEqual([
      ...before.map((e) => e.type),
      "TaskSucceeded",
      "TaskStateExited",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
    expect(after.map((e) => e.id)).toEqual(after.map((_, i) => i + 1));
    const succeeded = after.find((e) => e.type === "TaskSucceeded")!;
    // the engine's own computing takes no time on its clock: a few ms of it may be missing
    expect(succeeded.timestamp!.getTime()).toBeGreaterThanOrEqual(sentAt - 50);
    expect(succeeded.timestamp!.getTime() - before[before.length - 1].timestamp!.getTime()).toBeGreaterThanOrEqual(300);
  });

  it("a callback answered just before the kill is not lost", async () => {
    const first = await engine();
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({ name: "cb2", definition: callbackMachine, roleArn: ROLE }),
    );
    const { executionArn } = await first.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const token = tokenOf(await history(first.sfn, executionArn!));
    await first.sfn.send(new SendTaskFailureCommand({ taskToken: token, error: "Denied", cause: "no" }));
    const second = await killAndRestart(first);
    const done = await closed(second.sfn, executionArn!);
    expect(done.status).toBe("FAILED");
    expect(done.error).toBe("Denied");
  });

  it("activity tasks: one a worker holds is answered after the restart, one nobody took is handed out again", async () => {
    const first = await engine();
    const { activityArn } = await first.sfn.send(new CreateActivityCommand({ name: "act" }));
    const definition = JSON.stringify({
      StartAt: "Both",
      States: {
        Both: {
          Type: "Parallel",
          End: true,
          Branches: [
            { StartAt: "A", States: { A: { Type: "Task", Resource: activityArn, Parameters: { n: 1 }, End: true } } },
            { StartAt: "C", States: { C: { Type: "Task", Resource: activityArn, Parameters: { n: 2 }, End: true } } },
          ],
        },
      },
    });
    const { stateMachineArn } = await first.sfn.send(new CreateStateMachineCommand({ name: "acts", definition, roleArn: ROLE }));
    const { executionArn } = await first.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const taken = await first.sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "w1" }));
    expect(JSON.parse(taken.input!)).toEqual({ n: 1 });

    const second = await killAndRestart(first);
    const again = await second.sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "w2" }));
    expect(JSON.parse(again.input!)).toEqual({ n: 2 });
    await second.sfn.send(new SendTaskSuccessCommand({ taskToken: taken.taskToken!, output: '"one"' }));
    await second.sfn.send(new SendTaskSuccessCommand({ taskToken: again.taskToken!, output: '"two"' }));
    const done = await closed(second.sfn, executionArn!);
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output!)).toEqual(["one", "two"]);
    const events = await history(second.sfn, executionArn!);
    expect(events.filter((e) => e.type === "ActivityStarted").map((e) => e.activityStartedEventDetails?.workerName)).toEqual(["w1", "w2"]);
    expect(events.filter((e) => e.type === "ActivityScheduled")).toHaveLength(2);
  });

  it("closed executions keep their history, and a redriven execution waiting for a token goes on after a restart", async () => {
    const first = await engine();
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({ name: "redrive", definition: callbackMachine, roleArn: ROLE }),
    );
    const { executionArn } = await first.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const firstToken = tokenOf(await history(first.sfn, executionArn!));
    await first.sfn.send(new SendTaskFailureCommand({ taskToken: firstToken, error: "Busy" }));
    expect((await closed(first.sfn, executionArn!)).status).toBe("FAILED");
    await first.sfn.send(new RedriveExecutionCommand({ executionArn }));
    const before = await history(first.sfn, executionArn!);
    expect(before.map((e) => e.type)).toContain("ExecutionRedriven");

    const second = await killAndRestart(first);
    const described = await second.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described.status).toBe("RUNNING");
    expect(described.redriveCount).toBe(1);
    const token = tokenOf(before.slice(before.findIndex((e) => e.type === "ExecutionRedriven")));
    expect(token).not.toBe(firstToken);
    await second.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }));
    expect((await closed(second.sfn, executionArn!)).status).toBe("SUCCEEDED");
    const after = await history(second.sfn, executionArn!);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((e) => e.id)).toEqual(after.map((_, i) => i + 1));
  });

  it("an execution that cannot go on after the restart fails saying why; the rest of the state comes back", async () => {
    const first = await engine();
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({ name: "odd", definition: callbackMachine, roleArn: ROLE }),
    );
    const diverging = (await first.sfn.send(new StartExecutionCommand({ stateMachineArn, name: "diverging" }))).executionArn!;
    const broken = (await first.sfn.send(new StartExecutionCommand({ stateMachineArn, name: "broken" }))).executionArn!;
    first.journal.kill();
    // the stored records as another engine version might find them
    const records = first.journal.records().map((record) => {
      if (record.kind !== "execution") return record;
      const body = JSON.parse(record.body);
      if (body.executionArn === diverging) {
        const definition = JSON.parse(body.stateMachine.definition);
        definition.States.Prepare = { Type: "Wait", Seconds: 0, Next: "Approve" };
        body.stateMachine.definition = JSON.stringify(definition);
      }
      if (body.executionArn === broken) body.stateMachine.definition = "{not json";
      return { ...record, body: JSON.stringify(body) };
    });
    const second = await engine(records);
    const one = await closed(second.sfn, diverging);
    expect(one.status).toBe("FAILED");
    expect(one.cause).toMatch(
      /could not resume this execution after a restart: its re-run recorded WaitStateEntered as event 2 where the history has PassStateEntered/,
    );
    const other = await closed(second.sfn, broken);
    expect(other).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(other.cause).toMatch(/could not resume this execution after a restart/);
    const events = await history(second.sfn, broken);
    expect(events[events.length - 1].type).toBe("ExecutionFailed");
    expect((await second.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).name).toBe("odd");
  });
});
