import { describe, expect, it } from "vitest";
import { runExecution, startExecution, type TaskInvoker } from "../asl";
import type { HistoryEvent } from "../asl/history/types";
import { diffExecutions } from "./diff-executions";
import type { ReplayEvent } from "./history-threads";
import { NO_RECORDED_RESULT } from "./recorded-task-invoker";
import { recordedRedriveCount } from "./recorded-redrive-count";
import { replayExecution, type ReplaySource } from "./replay-execution";
import { fnInvoker, record, START } from "../../testing/replay/record";

const plain = (events: readonly HistoryEvent[]) => events.map((e) => ({ ...e, timestamp: e.timestamp.toISOString() }));
const fn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;

/** Prepare -> distributed Map (one child execution per item: Work) -> Done. */
const DISTRIBUTED = {
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Next: "Fan" },
    Fan: {
      Type: "Map",
      ItemsPath: "$.items",
      ResultPath: "$.done",
      ItemProcessor: {
        ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
        StartAt: "Work",
        States: { Work: { Type: "Task", Resource: fn("work"), End: true } },
      },
      Next: "Done",
    },
    Done: { Type: "Succeed" },
  },
};
const work = fnInvoker((r) => {
  const item = r.parameters as { k: string };
  if (item.k === "bad") throw ["Broken", "bad item"];
  return { worked: item.k };
});

describe("recorded distributed Map Runs (children in other executions)", () => {
  it("replays a Map Run as one recorded unit: same events, ARN, output and timestamps, no child call", async () => {
    const recording = await record(DISTRIBUTED, { items: [{ k: "a" }, { k: "b" }] }, work);
    expect(recording.events.some((e) => e.type === "TaskScheduled" || e.type === "LambdaFunctionScheduled")).toBe(false);
    const replay = await replayExecution(recording);
    expect(replay.missed).toEqual([]);
    expect(plain(replay.events)).toEqual(plain(recording.events as HistoryEvent[]));
    expect(replay.output).toEqual({ items: [{ k: "a" }, { k: "b" }], done: [{ worked: "a" }, { worked: "b" }] });
  });

  it("replays a Map Run from the Map's checkpoint", async () => {
    const recording = await record(DISTRIBUTED, { items: [{ k: "a" }] }, work);
    const replay = await replayExecution(recording, { from: "Fan" });
    expect(replay.missed).toEqual([]);
    expect(plain(replay.events)).toEqual(plain(recording.events as HistoryEvent[]));
  });

  it("stops where an aborted recording was stopped during a Map Run", async () => {
    const executionArn = "arn:aws:states:eu-west-1:123456789012:execution:Machine:stopped";
    // The child waits for a task token that never comes.
    const waiting = {
      ...DISTRIBUTED.States.Fan.ItemProcessor,
      States: {
        Work: {
          Type: "Task",
          Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          Parameters: { "t.$": "$$.Task.Token" },
          End: true,
        },
      },
    };
    const definition = { ...DISTRIBUTED, States: { ...DISTRIBUTED.States, Fan: { ...DISTRIBUTED.States.Fan, ItemProcessor: waiting } } };
    const handle = startExecution({
      definition,
      input: { items: [{ k: "a" }] },
      context: { executionArn, startTime: START },
      taskInvoker: { invoke: () => ({ pending: true }) },
    });
    setTimeout(() => handle.stop("Operator", "stopped by hand"), 20);
    const aborted = await handle.result;
    expect(aborted.events.map((e) => e.type)).toContain("MapRunStarted");
    const source: ReplaySource = {
      executionArn,
      name: "stopped",
      stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:Machine",
      stateMachineName: "Machine",
      definition,
      status: "ABORTED",
      events: aborted.events,
    };
    const replay = await replayExecution(source);
    expect(replay.status).toBe("ABORTED");
    expect(replay.events.map((e) => e.type)).toEqual(aborted.events.map((e) => e.type));
  });

  it("replays a failed Map Run with its recorded error and cause", async () => {
    const recording = await record(DISTRIBUTED, { items: [{ k: "a" }, { k: "bad" }] }, work);
    expect(recording.status).toBe("FAILED");
    const replay = await replayExecution(recording);
    expect(plain(replay.events)).toEqual(plain(recording.events as HistoryEvent[]));
    expect(replay.error).toBe("States.ExceedToleratedFailureThreshold");
  });

  it("follows the missing-result rule when the Map's input changed: statelens.NoRecordedResult, or the rule runs the children", async () => {
    const recording = await record(DISTRIBUTED, { items: [{ k: "a" }] }, work);
    const failed = await replayExecution(recording, { input: { items: [{ k: "z" }] } });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toBe(NO_RECORDED_RESULT);
    expect(failed.cause).toBe(
      "No recorded outcome for the distributed Map Run of state 'Fan' (attempt 0): the state's input or definition differs from the recorded run's. Choose another missing-result rule (mocks or example handlers) to run its child executions.",
    );
    expect(failed.events.map((e) => e.type)).toContain("MapRunFailed");
    expect(failed.missed).toEqual([{ stateName: "Fan", attempt: 0, reason: "request-changed", mapRun: true }]);

    const ruled = await replayExecution(recording, { input: { items: [{ k: "z" }] }, onMissing: { invoker: work } });
    expect(ruled.status).toBe("SUCCEEDED");
    expect(ruled.output).toEqual({ items: [{ k: "z" }], done: [{ worked: "z" }] });
  });
});

describe("a call AWS refused before scheduling it", () => {
  const definition = {
    StartAt: "Act",
    States: { Act: { Type: "Task", Resource: "arn:aws:states:eu-west-1:123456789012:activity:gone", End: true } },
  };
  const cause = "An error occurred while executing the state 'Act' (entered at the event id #2). The activity gone does not exist.";
  const source: ReplaySource = {
    executionArn: "arn:aws:states:eu-west-1:123456789012:execution:Machine:r",
    name: "r",
    stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:Machine",
    stateMachineName: "Machine",
    definition,
    status: "FAILED",
    events: [
      { id: 1, previousEventId: 0, type: "ExecutionStarted", timestamp: START, executionStartedEventDetails: { input: "{}" } },
      { id: 2, previousEventId: 0, type: "TaskStateEntered", timestamp: START, stateEnteredEventDetails: { name: "Act", input: "{}" } },
      {
        id: 3,
        previousEventId: 2,
        type: "ExecutionFailed",
        timestamp: START,
        executionFailedEventDetails: { error: "States.Runtime", cause },
      },
    ],
  };

  it("fails the state there again (no TaskScheduled); an edited replay asks the missing-result rule instead", async () => {
    const replay = await replayExecution(source);
    expect(replay.events.map((e) => e.type)).toEqual(["ExecutionStarted", "TaskStateEntered", "ExecutionFailed"]);
    expect(replay.cause).toBe(cause);
    const edited = await replayExecution(source, { input: { other: 1 } });
    expect(edited.events.map((e) => e.type)).toContain("ActivityScheduled");
    expect(edited.error).toBe(NO_RECORDED_RESULT);
  });
});

describe("racing Parallel branches", () => {
  const definition = {
    StartAt: "Both",
    States: {
      Both: {
        Type: "Parallel",
        Branches: [
          { StartAt: "A", States: { A: { Type: "Task", Resource: fn("a"), End: true } } },
          { StartAt: "B", States: { B: { Type: "Task", Resource: fn("b"), End: true } } },
        ],
        End: true,
      },
    },
  };
  const timed: TaskInvoker = { invoke: (r) => ({ output: r.stateName, durationMs: r.stateName === "A" ? 100 : 120 }) };

  it("finish in the recorded order where the recorded timestamps say so, not by durations alone", async () => {
    const recording = await record(definition, {}, timed);
    // As AWS records it: B's call went out 40 ms after A's, so it took only 80 ms, yet ended last.
    const history = recording.events as HistoryEvent[];
    const bEntered = history.find((e) => e.type === "TaskStateEntered" && JSON.stringify(e).includes('"name":"B"'))!.id;
    const bScheduled = history.find((e) => e.type === "LambdaFunctionScheduled" && e.previousEventId === bEntered)!.id;
    const bStarted = history.find((e) => e.type === "LambdaFunctionStarted" && e.previousEventId === bScheduled)!.id;
    const events = history.map((e) =>
      e.id === bScheduled || e.id === bStarted ? { ...e, timestamp: new Date(e.timestamp.getTime() + 40) } : e,
    );
    const order = (history: readonly HistoryEvent[]) =>
      history.filter((e) => e.type === "LambdaFunctionSucceeded").map((e) => JSON.stringify(e).match(/\\"(A|B)\\"/)?.[1]);
    expect(order(events)).toEqual(["A", "B"]);

    const faithful = await replayExecution({ ...recording, events });
    expect(order(faithful.events)).toEqual(["A", "B"]);
    expect(
      diffExecutions(
        { status: recording.status, events: events as ReplayEvent[] },
        { status: faithful.status, events: faithful.events as ReplayEvent[] },
      ).identical,
    ).toBe(true);
    expect(plain(faithful.events).filter((e) => e.type === "LambdaFunctionSucceeded")).toEqual(
      plain(events).filter((e) => e.type === "LambdaFunctionSucceeded"),
    );

    // An edited replay (here: the same input given again) takes each call's recorded duration: B's 80 ms beat A's 100 ms.
    const byDuration = await replayExecution({ ...recording, events }, { input: {} });
    expect(order(byDuration.events)).toEqual(["B", "A"]);
  });
});

describe("RedriveCount in the context object", () => {
  it("is absent for executions started before AWS introduced redrive (2023-11-15), as their context was", async () => {
    expect(recordedRedriveCount(Date.parse("2023-11-14T23:59:59Z"), 0)).toBeNull();
    expect(recordedRedriveCount(Date.parse("2023-11-15T00:00:00Z"), undefined)).toBe(0);
    expect(recordedRedriveCount(Date.parse("2025-01-01T00:00:00Z"), 2)).toBe(2);

    const definition = { StartAt: "Ctx", States: { Ctx: { Type: "Pass", Parameters: { "execution.$": "$$.Execution" }, End: true } } };
    const executionArn = "arn:aws:states:eu-west-1:123456789012:execution:Machine:old";
    const startTime = new Date("2022-06-01T08:00:00Z");
    const old = await runExecution({ definition, input: {}, context: { executionArn, startTime, redriveCount: null } });
    expect(JSON.stringify(old.output)).not.toContain("RedriveCount");
    const source: ReplaySource = {
      executionArn,
      name: "old",
      stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:Machine",
      stateMachineName: "Machine",
      definition,
      status: old.status,
      events: old.events,
    };
    const replay = await replayExecution(source);
    expect(replay.output).toEqual(old.output);
    expect(plain(replay.events)).toEqual(plain(old.events));
  });
});
