import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ExecutionNotRedrivable,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskRequest } from "../asl";
import { localSfnClient } from "../../testing/sfn-local-client";
import { createLocalSfnService, startSfnServer, type SfnServer } from "./index";

const ROLE = "arn:aws:iam::123456789012:role/statelens-test";
const DAY = 24 * 3600 * 1000;

/** Task calls by function name; `flaky` fails while `broken` is true, `item` fails for items in `failing`. */
const calls: string[] = [];
let broken = true;
const failing = new Set<number>();
let now = Date.parse("2026-01-01T00:00:00Z");
/** What onExecutionFinished received (the dashboard stores it): name, status, redriveCount, events. */
const finished: { name: string; status: string; redriveCount: number; events: number }[] = [];

let server: SfnServer;
let sfn: SFNClient;

beforeAll(async () => {
  const service = createLocalSfnService({
    clock: { now: () => now },
    onExecutionFinished: (e) =>
      void finished.push({ name: e.name, status: e.status, redriveCount: e.redriveCount, events: e.events.length }),
    taskInvoker: {
      invoke(task: TaskRequest) {
        const params = task.parameters as { FunctionName: string; Payload?: { n?: number; redrives?: number } };
        const name = params.FunctionName;
        calls.push(name === "item" ? `item${params.Payload!.n}` : name);
        if (name === "flaky" && broken) return { error: "Flaky.Down", cause: "still down" };
        if (name === "item" && failing.has(params.Payload!.n!)) return { error: "Item.Failed" };
        return { output: { Payload: { fn: name, ...params.Payload } } };
      },
    },
  });
  server = await startSfnServer({ service });
  sfn = localSfnClient(server.url);
});
afterAll(async () => {
  sfn.destroy();
  await server.close();
});

const lambda = (fn: string, next: string | undefined, payload: Record<string, unknown> = {}) => ({
  Type: "Task",
  Resource: "arn:aws:states:::lambda:invoke",
  Parameters: { FunctionName: fn, Payload: payload },
  ResultSelector: { "fn.$": "$.Payload.fn" },
  ...(next ? { Next: next } : { End: true }),
});

async function create(name: string, definition: object) {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }),
  );
  return stateMachineArn!;
}

describe("RedriveExecution", () => {
  it("goes on from the failed state, keeping what succeeded, with an ExecutionRedriven event", async () => {
    calls.length = 0;
    broken = true;
    const arn = await create("redrive-linear", {
      StartAt: "First",
      States: {
        First: lambda("first", "Flaky"),
        Flaky: {
          ...lambda("flaky", "Last", { "redrives.$": "$$.Execution.RedriveCount" }),
          ResultSelector: { "fn.$": "$.Payload.fn", "redrives.$": "$.Payload.redrives" },
        },
        Last: { Type: "Pass", End: true },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"order":1}' }));
    const failed = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(failed).toMatchObject({ status: "FAILED", error: "Flaky.Down", redriveCount: 0, redriveStatus: "REDRIVABLE" });
    expect(failed.redriveStatusReason).toBeUndefined();
    const before = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;

    broken = false;
    now += 3600_000;
    const { redriveDate } = await sfn.send(new RedriveExecutionCommand({ executionArn }));
    expect(redriveDate!.getTime()).toBe(now);
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(done).toMatchObject({ status: "SUCCEEDED", redriveCount: 1, redriveStatus: "NOT_REDRIVABLE" });
    expect(done.redriveStatusReason).toBe("Execution is SUCCEEDED and cannot be redriven");
    expect(done.redriveDate!.getTime()).toBe(now);
    expect(done.startDate).toEqual(failed.startDate);
    // First ran once; Flaky failed once, then ran again with $$.Execution.RedriveCount = 1
    expect(calls).toEqual(["first", "flaky", "flaky"]);
    expect(JSON.parse(done.output!)).toEqual({ fn: "flaky", redrives: 1 });

    const history = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
    expect(history.slice(0, before.length)).toEqual(before);
    const redriven = history[before.length];
    expect(redriven).toMatchObject({
      type: "ExecutionRedriven",
      id: before.length + 1,
      executionRedrivenEventDetails: { redriveCount: 1 },
    });
    const next = history[before.length + 1];
    expect(next).toMatchObject({ type: "TaskStateEntered", id: redriven.id! + 1, previousEventId: redriven.id });
    expect(next.stateEnteredEventDetails!.name).toBe("Flaky");
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
    expect(history.at(-1)!.type).toBe("ExecutionSucceeded");

    const redrivenList = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, redriveFilter: "REDRIVEN" }));
    expect(redrivenList.executions!.map((e) => [e.executionArn, e.redriveCount])).toEqual([[executionArn, 1]]);
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, redriveFilter: "NOT_REDRIVEN" }))).executions).toEqual([]);
    await expect(sfn.send(new RedriveExecutionCommand({ executionArn }))).rejects.toThrow("Execution is SUCCEEDED and cannot be redriven");
    // the store hears of the close again: same execution, redriven once, the whole history
    const name = executionArn!.split(":").at(-1)!;
    expect(finished.filter((f) => f.name === name)).toEqual([
      { name, status: "FAILED", redriveCount: 0, events: before.length },
      { name, status: "SUCCEEDED", redriveCount: 1, events: history.length },
    ]);
  });

  it("runs again only the Map iterations that failed", async () => {
    calls.length = 0;
    failing.clear();
    failing.add(2);
    const arn = await create("redrive-map", {
      StartAt: "Fan",
      States: {
        Fan: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemSelector: { "n.$": "$$.Map.Item.Value" },
          ItemProcessor: {
            ProcessorConfig: { Mode: "INLINE" },
            StartAt: "Work",
            States: { Work: { ...lambda("item", undefined, { "n.$": "$.n" }), ResultSelector: { "n.$": "$.Payload.n" } } },
          },
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"items":[1,2,3]}' }));
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe("FAILED");
    expect([...calls].sort()).toEqual(["item1", "item2", "item3"]);
    failing.clear();
    calls.length = 0;
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(done.status).toBe("SUCCEEDED");
    expect(calls).toEqual(["item2"]);
    expect(JSON.parse(done.output!)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const history = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
    const redriven = history.findIndex((e) => e.type === "ExecutionRedriven");
    // after the redrive: iteration 2 only, then the Map's end
    const after = history.slice(redriven + 1);
    expect(after.filter((e) => e.type === "MapIterationStarted").map((e) => e.mapIterationStartedEventDetails!.index)).toEqual([1]);
    expect(after.map((e) => e.type).slice(-3)).toEqual(["MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"]);
  });

  it("runs again only the Parallel branch that failed", async () => {
    calls.length = 0;
    broken = true;
    const arn = await create("redrive-parallel", {
      StartAt: "Both",
      States: {
        Both: {
          Type: "Parallel",
          Branches: [
            { StartAt: "Good", States: { Good: lambda("good", undefined) } },
            { StartAt: "Bad", States: { Bad: lambda("flaky", undefined) } },
          ],
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe("FAILED");
    broken = false;
    calls.length = 0;
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(done.status).toBe("SUCCEEDED");
    expect(calls).toEqual(["flaky"]);
    expect(JSON.parse(done.output!)).toEqual([{ fn: "good" }, { fn: "flaky" }]);
  });

  it("redrives a TIMED_OUT execution, its history never going back in time", async () => {
    const arn = await create("redrive-timeout", {
      TimeoutSeconds: 10,
      StartAt: "Short",
      States: { Short: { Type: "Wait", Seconds: 8, Next: "Long" }, Long: { Type: "Wait", Seconds: 8, End: true } },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    const timedOut = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(timedOut).toMatchObject({ status: "TIMED_OUT", redriveStatus: "REDRIVABLE" });
    // the virtual clock ran 10 s past the wall clock: the redrive comes after the timeout
    const { redriveDate } = await sfn.send(new RedriveExecutionCommand({ executionArn }));
    expect(redriveDate!.getTime()).toBe(timedOut.stopDate!.getTime());
    const history = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
    const times = history.map((e) => e.timestamp!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(history.map((e) => e.type).slice(-4)).toEqual([
      "ExecutionRedriven",
      "WaitStateEntered",
      "WaitStateExited",
      "ExecutionSucceeded",
    ]);
  });

  it("runs a failed distributed Map again as the same Map Run, redriven", async () => {
    failing.clear();
    failing.add(1);
    const arn = await create("redrive-distributed", {
      StartAt: "Fan",
      States: {
        Fan: {
          Type: "Map",
          ItemSelector: { "n.$": "$$.Map.Item.Value" },
          ItemProcessor: {
            ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
            StartAt: "Work",
            States: { Work: { ...lambda("item", undefined, { "n.$": "$.n" }), ResultSelector: { "n.$": "$.Payload.n" } } },
          },
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: "[1,2]" }));
    failing.clear();
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output!)).toEqual([{ n: 1 }, { n: 2 }]);
    const runs = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns!;
    expect(runs).toHaveLength(1);
    const run = await sfn.send(new DescribeMapRunCommand({ mapRunArn: runs[0].mapRunArn }));
    expect(run).toMatchObject({ status: "SUCCEEDED", redriveCount: 1, itemCounts: { total: 2, succeeded: 2 } });
    expect(run.redriveDate).toBeInstanceOf(Date);
  });

  it("refuses running, succeeded and too old executions with ExecutionNotRedrivable", async () => {
    broken = true;
    const arn = await create("redrive-old", { StartAt: "Flaky", States: { Flaky: lambda("flaky", undefined) } });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    now += 15 * DAY;
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({
      status: "FAILED",
      redriveStatus: "NOT_REDRIVABLE",
      redriveStatusReason: "Execution redrivable period exceeded",
    });
    const error = await sfn.send(new RedriveExecutionCommand({ executionArn })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionNotRedrivable);
    expect((error as Error).message).toBe("Execution redrivable period exceeded");
    await expect(sfn.send(new RedriveExecutionCommand({ executionArn: `${executionArn}-none` }))).rejects.toThrow(
      "Execution Does Not Exist",
    );
  });

  it("refuses an execution that reached the 25,000-event history limit", async () => {
    const arn = await create("redrive-limit", {
      StartAt: "Loop",
      States: {
        Loop: { Type: "Pass", Next: "Again" },
        Again: { Type: "Choice", Choices: [{ Variable: "$.stop", IsPresent: true, Next: "Done" }], Default: "Loop" },
        Done: { Type: "Succeed" },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    const failed = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(failed).toMatchObject({
      status: "FAILED",
      redriveStatus: "NOT_REDRIVABLE",
      redriveStatusReason: "Execution history event limit exceeded",
    });
    await expect(sfn.send(new RedriveExecutionCommand({ executionArn }))).rejects.toBeInstanceOf(ExecutionNotRedrivable);
  });
});
