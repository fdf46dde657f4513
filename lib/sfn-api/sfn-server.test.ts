import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidDefinition,
  InvalidExecutionInput,
  InvalidName,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNServiceException,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  StateMachineTypeNotSupported,
  StopExecutionCommand,
  TaskDoesNotExist,
  TestStateCommand,
  ValidationException,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalSfnService, startSfnServer, type SfnServer } from "./index";
import { localSfnClient } from "../../testing/sfn-local-client";
import { EXAMPLE_WORKFLOWS } from "../examples";

const ROLE = "arn:aws:iam::123456789012:role/statelens-test";
const PASS = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Result: { ok: true }, ResultPath: "$.pass", End: true } } });
const CALLBACK = JSON.stringify({
  StartAt: "Approve",
  States: {
    Approve: {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/approvals", MessageBody: { "token.$": "$$.Task.Token" } },
      HeartbeatSeconds: 3600,
      End: true,
    },
  },
});

let server: SfnServer;
let sfn: SFNClient;
let finished: string[];

beforeAll(async () => {
  finished = [];
  server = await startSfnServer({
    service: createLocalSfnService({ onExecutionFinished: (e) => void finished.push(`${e.name}:${e.status}`) }),
  });
  sfn = localSfnClient(server.url);
});
afterAll(async () => {
  sfn.destroy();
  await server.close();
});

async function create(name: string, definition = PASS, extra: Record<string, unknown> = {}) {
  return (await sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE, ...extra }))).stateMachineArn!;
}

/** The task token a waitForTaskToken task put into its parameters (the SQS message body). */
async function tokenOf(executionArn: string): Promise<string> {
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
  const scheduled = events!.find((e) => e.type === "TaskScheduled")!;
  return JSON.parse(scheduled.taskScheduledEventDetails!.parameters!).MessageBody.token;
}

describe("state machines", () => {
  it("creates, describes, lists with paging and deletes", async () => {
    const names = ["sm-a", "sm-b", "sm-c"];
    for (const name of names) await create(name);
    const described = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:sm-a" }),
    );
    expect(described).toMatchObject({ name: "sm-a", status: "ACTIVE", type: "STANDARD", definition: PASS, roleArn: ROLE });
    expect(described.creationDate).toBeInstanceOf(Date);
    expect(Math.abs(described.creationDate!.getTime() - Date.now())).toBeLessThan(60_000);

    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListStateMachinesCommand({ maxResults: 2, nextToken }));
      expect(page.stateMachines!.length).toBeLessThanOrEqual(2);
      seen.push(...page.stateMachines!.map((m) => m.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen.filter((n) => names.includes(n))).toEqual(names);

    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:sm-c" }));
    await expect(
      sfn.send(new DescribeStateMachineCommand({ stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:sm-c" })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });

  it("is idempotent for the same definition and refuses a different one under the same name", async () => {
    const arn = await create("same");
    expect(await create("same")).toBe(arn);
    await expect(create("same", CALLBACK)).rejects.toBeInstanceOf(StateMachineAlreadyExists);
  });

  it("rejects invalid definitions, names and ARNs with AWS's exceptions", async () => {
    const bad = JSON.stringify({ StartAt: "Nope", States: { P: { Type: "Pass", End: true } } });
    const error = await create("bad", bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDefinition);
    expect((error as Error).message).toMatch(/^Invalid State Machine Definition: '.*StartAt/);
    await expect(create("bad-json", "{")).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(create("has space")).rejects.toBeInstanceOf(InvalidName);
    await expect(create("express-callback", CALLBACK, { type: "EXPRESS" })).rejects.toThrow(/does not support '\.waitForTaskToken'/);
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: "not-an-arn" }))).rejects.toBeInstanceOf(InvalidArn);
    const missing = await sfn
      .send(new DescribeStateMachineCommand({ stateMachineArn: undefined as unknown as string }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ValidationException);
    expect((missing as Error).message).toBe(
      "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
    );
    expect((missing as SFNServiceException).$metadata.httpStatusCode).toBe(400);
  });
});

describe("executions", () => {
  it("runs an example workflow to the end at once, with its history and definition", async () => {
    const workflow = EXAMPLE_WORKFLOWS.find((w) => w.name === "OrderFulfillment")!;
    const arn = await create(workflow.name, JSON.stringify(workflow.definition));
    const input = JSON.stringify(workflow.input(2, () => 0.5));
    const { executionArn, startDate } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "order-1", input }));
    expect(executionArn).toBe("arn:aws:states:us-east-1:123456789012:execution:OrderFulfillment:order-1");
    expect(startDate).toBeInstanceOf(Date);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described.cause).toBeUndefined();
    expect(described).toMatchObject({ status: "SUCCEEDED", name: "order-1", stateMachineArn: arn, input, redriveCount: 0 });
    expect(JSON.parse(described.output!).label.carrier).toBe("UPS");
    expect(described.stopDate!.getTime()).toBeGreaterThan(described.startDate!.getTime());
    const forExecution = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(forExecution).toMatchObject({ name: workflow.name, definition: JSON.stringify(workflow.definition) });
    expect(forExecution.updateDate).toBeInstanceOf(Date);
    expect(finished).toContain("order-1:SUCCEEDED");
  });

  it("pages history forwards and backwards, with or without execution data", async () => {
    const arn = await create(
      "history",
      JSON.stringify({
        StartAt: "A",
        States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "C" }, C: { Type: "Pass", End: true } },
      }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"x":1}' }));
    const all = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
    expect(all.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "PassStateEntered",
      "PassStateExited",
      "PassStateEntered",
      "PassStateExited",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
    expect(all[0].timestamp).toBeInstanceOf(Date);
    const read = async (reverseOrder: boolean) => {
      const ids: number[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3, reverseOrder, nextToken }));
        ids.push(...page.events!.map((e) => e.id!));
        nextToken = page.nextToken;
        pages++;
      } while (nextToken);
      return { ids, pages };
    };
    expect(await read(false)).toEqual({ ids: [1, 2, 3, 4, 5, 6, 7, 8], pages: 3 });
    expect(await read(true)).toEqual({ ids: [8, 7, 6, 5, 4, 3, 2, 1], pages: 3 });
    const forward = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3 }));
    await expect(
      sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3, reverseOrder: true, nextToken: forward.nextToken })),
    ).rejects.toBeInstanceOf(InvalidToken);
    const noData = (await sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }))).events!;
    expect(noData[0].executionStartedEventDetails).toEqual({ roleArn: ROLE });
    expect(noData[1].stateEnteredEventDetails).toEqual({ name: "A" });
    expect(all[0].executionStartedEventDetails!.input).toBe('{"x":1}');
  });

  it("lists executions newest first with status filter and keyset paging", async () => {
    const arn = await create(
      "listing",
      JSON.stringify({
        StartAt: "C",
        States: {
          C: { Type: "Choice", Choices: [{ Variable: "$.fail", BooleanEquals: true, Next: "F" }], Default: "S" },
          F: { Type: "Fail", Error: "Boom" },
          S: { Type: "Succeed" },
        },
      }),
    );
    for (let i = 0; i < 7; i++)
      await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: `run-${i}`, input: JSON.stringify({ fail: i % 3 === 0 }) }));
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 3, nextToken }));
      names.push(...page.executions!.map((e) => e.name!));
      nextToken = page.nextToken;
      // An execution started between pages must not shift the next page.
      if (names.length === 3) await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "late", input: '{"fail":false}' }));
    } while (nextToken);
    expect(names).toEqual(["run-6", "run-5", "run-4", "run-3", "run-2", "run-1", "run-0"]);
    const failed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: "FAILED" }));
    expect(failed.executions!.map((e) => e.name)).toEqual(["run-6", "run-3", "run-0"]);
    expect(failed.executions![0]).toMatchObject({ status: "FAILED", stateMachineArn: arn });
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, redriveFilter: "REDRIVEN" }))).executions).toEqual([]);
    await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: "DONE" as "FAILED" }))).rejects.toThrow(
      /Member must satisfy enum value set/,
    );
    await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 1001 }))).rejects.toBeInstanceOf(
      ValidationException,
    );
    await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, nextToken: "garbage" }))).rejects.toBeInstanceOf(InvalidToken);
  });

  it("reports start errors as AWS does", async () => {
    const arn = await create("start-errors");
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: "{nope" }))).rejects.toBeInstanceOf(
      InvalidExecutionInput,
    );
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}-missing` }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "a/b" }))).rejects.toBeInstanceOf(InvalidName);
    await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "once", input: "{}" }));
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "once", input: "{}" }))).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );
    const missing = "arn:aws:states:us-east-1:123456789012:execution:start-errors:nope";
    const error = await sfn.send(new DescribeExecutionCommand({ executionArn: missing })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionDoesNotExist);
    expect((error as Error).message).toBe(`Execution Does Not Exist: '${missing}'`);
  });

  it("completes waitForTaskToken tasks through SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat", async () => {
    const arn = await create("callback", CALLBACK);
    const ok = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "ok", input: "{}" }));
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "ok", input: "{}" }));
    expect(started.executionArn).toBe(ok.executionArn);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: ok.executionArn }))).status).toBe("RUNNING");
    const token = await tokenOf(ok.executionArn!);
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn: ok.executionArn }));
    expect(done).toMatchObject({ status: "SUCCEEDED", output: '{"approved":true}' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }))).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: "AQBnot-a-token", output: "{}" }))).rejects.toBeInstanceOf(InvalidToken);

    const no = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "no", input: "{}" }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: await tokenOf(no.executionArn!), error: "Rejected", cause: "by a human" }));
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn: no.executionArn }))).toMatchObject({
      status: "FAILED",
      error: "Rejected",
      cause: "by a human",
    });
    const types = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: no.executionArn }))).events!.map((e) => e.type);
    expect(types).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskSubmitted",
      "TaskFailed",
      "ExecutionFailed",
    ]);
  });

  it("stops a running execution", async () => {
    const arn = await create("stoppable", CALLBACK);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: "{}" }));
    const { stopDate } = await sfn.send(new StopExecutionCommand({ executionArn, error: "Manual", cause: "test" }));
    expect(stopDate).toBeInstanceOf(Date);
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
      status: "ABORTED",
      error: "Manual",
      cause: "test",
    });
    const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }))).events!;
    expect(events[0].type).toBe("ExecutionAborted");
    expect(finished.some((f) => f.endsWith(":ABORTED"))).toBe(true);
  });
});

describe("Express and TestState", () => {
  it("runs Express executions synchronously and refuses Standard-only operations", async () => {
    const express = await create("express", PASS, { type: "EXPRESS" });
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: express, input: '{"a":1}' }));
    expect(result).toMatchObject({ status: "SUCCEEDED", output: '{"a":1,"pass":{"ok":true}}', input: '{"a":1}', stateMachineArn: express });
    expect(result.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:express:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: result.executionArn }))).rejects.toBeInstanceOf(InvalidArn);
    await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn: express }))).rejects.toBeInstanceOf(StateMachineTypeNotSupported);
    const standard = await create("not-express");
    await expect(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: standard }))).rejects.toBeInstanceOf(
      StateMachineTypeNotSupported,
    );
  });

  it("reports inspectionData with the fields AWS reports for each state type (AWS-recorded TestState responses)", async () => {
    const inspect = async (state: Record<string, unknown>, input: unknown, mock?: string) =>
      (
        await sfn.send(
          new TestStateCommand({
            definition: JSON.stringify(state),
            input: JSON.stringify(input),
            inspectionLevel: "DEBUG",
            ...(mock ? { mock: { result: mock } } : {}),
          }),
        )
      ).inspectionData as Record<string, unknown>;
    const parsed = (data: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === "string" ? JSON.parse(v) : v]));
    const io = { initialData: { fieldFromInput: "value from input", otherField: "other" }, unrelatedData: { someOtherField: 1234 } };
    // a Pass with Parameters and ResultPath: no `result`, afterResultSelector is what Parameters made
    expect(
      parsed(
        await inspect(
          {
            Type: "Pass",
            InputPath: "$.initialData",
            Parameters: { staticValue: "some value", "inputValue.$": "$.fieldFromInput" },
            ResultPath: "$.modifiedData",
            End: true,
          },
          io,
        ),
      ),
    ).toEqual({
      input: io,
      afterInputPath: io.initialData,
      afterParameters: { staticValue: "some value", inputValue: "value from input" },
      afterResultSelector: { staticValue: "some value", inputValue: "value from input" },
      afterResultPath: { ...io, modifiedData: { staticValue: "some value", inputValue: "value from input" } },
    });
    // a Pass with Result: input, result, afterResultSelector, afterResultPath only
    expect(
      parsed(await inspect({ Type: "Pass", Result: { resultKey: "result value" }, ResultPath: "$.modifiedData", End: true }, io)),
    ).toEqual({
      input: io,
      result: { resultKey: "result value" },
      afterResultSelector: { resultKey: "result value" },
      afterResultPath: { ...io, modifiedData: { resultKey: "result value" } },
    });
    // a Choice: input and afterInputPath
    expect(
      parsed(
        await inspect(
          { Type: "Choice", Choices: [{ Variable: "$.value", NumericGreaterThan: 20, Next: "Big" }], Default: "Small" },
          { type: "Private", value: 22 },
        ),
      ),
    ).toEqual({ input: { type: "Private", value: 22 }, afterInputPath: { type: "Private", value: 22 } });
    // a Task with ResultSelector: every step, the selector's own value
    expect(
      parsed(
        await inspect(
          {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke",
            Parameters: { FunctionName: "f", "Payload.$": "$.order" },
            ResultSelector: { "total.$": "$.Payload.total" },
            ResultPath: "$.charge",
            End: true,
          },
          { order: { id: 1 } },
          '{"Payload":{"total":9},"StatusCode":200}',
        ),
      ),
    ).toEqual({
      input: { order: { id: 1 } },
      afterInputPath: { order: { id: 1 } },
      afterParameters: { FunctionName: "f", Payload: { id: 1 } },
      result: { Payload: { total: 9 }, StatusCode: 200 },
      afterResultSelector: { total: 9 },
      afterResultPath: { order: { id: 1 }, charge: { total: 9 } },
    });
  });

  it("tests one state: success with next state, caught and retriable errors, mocks", async () => {
    const pass = await sfn.send(
      new TestStateCommand({
        definition: JSON.stringify({ Type: "Pass", InputPath: "$.in", Parameters: { "v.$": "$.v" }, Next: "After" }),
        input: '{"in":{"v":7}}',
        inspectionLevel: "DEBUG",
      }),
    );
    expect(pass).toMatchObject({ status: "SUCCEEDED", output: '{"v":7}', nextState: "After" });
    expect(pass.inspectionData).toMatchObject({ input: '{"in":{"v":7}}', afterInputPath: '{"v":7}', afterResultPath: '{"v":7}' });

    const task = {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "unknown-fn", "Payload.$": "$" },
      Retry: [{ ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.err", Next: "Recover" }],
      End: true,
    };
    const retriable = await sfn.send(
      new TestStateCommand({
        definition: JSON.stringify(task),
        input: "{}",
        inspectionLevel: "DEBUG",
        stateConfiguration: { retrierRetryCount: 1 },
      }),
    );
    expect(retriable).toMatchObject({ status: "RETRIABLE", error: "States.TaskFailed" });
    expect(retriable.inspectionData!.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 6 });
    const caught = await sfn.send(
      new TestStateCommand({ definition: JSON.stringify(task), input: "{}", stateConfiguration: { retrierRetryCount: 2 } }),
    );
    expect(caught).toMatchObject({ status: "CAUGHT_ERROR", error: "States.TaskFailed", nextState: "Recover" });
    expect(JSON.parse(caught.output!).err.Error).toBe("States.TaskFailed");
    const mocked = await sfn.send(
      new TestStateCommand({ definition: JSON.stringify(task), input: "{}", mock: { result: '{"Payload":{"n":1}}' } }),
    );
    expect(mocked).toMatchObject({ status: "SUCCEEDED", output: '{"Payload":{"n":1}}' });
    expect(mocked.nextState).toBeUndefined();
    const failed = await sfn.send(
      new TestStateCommand({ definition: JSON.stringify({ Type: "Fail", Error: "E", Cause: "C" }), input: "{}" }),
    );
    expect(failed).toMatchObject({ status: "FAILED", error: "E", cause: "C" });
    await expect(
      sfn.send(new TestStateCommand({ definition: CALLBACK.replace(/^.*"Approve":/, "").slice(0, -2), input: "{}" })),
    ).rejects.toBeInstanceOf(ValidationException);
  });
});
