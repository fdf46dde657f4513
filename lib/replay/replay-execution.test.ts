import { describe, expect, it } from "vitest";
import { startExecution } from "../asl";
import { detailsOf, type HistoryEvent } from "../asl/history/types";
import { checkpoints } from "./checkpoints";
import { replayExecution, type ReplaySource } from "./replay-execution";
import { NO_RECORDED_RESULT } from "./recorded-task-invoker";
import { fnInvoker, NESTED, record, START } from "../../testing/replay/record";

const plain = (events: readonly HistoryEvent[]) => events.map((e) => ({ ...e, timestamp: e.timestamp.toISOString() }));
const counter = () => {
  let calls = 0;
  return fnInvoker((r) => {
    calls++;
    if (r.stateName === "Prepare") return { value: 7 };
    if (r.stateName === "Work" && r.attempt === 0 && (r.parameters as { k: string }).k === "b") throw ["Flaky", "try again"];
    return { state: r.stateName, call: calls };
  });
};
const items = { n: 0, items: [{ k: "a" }, { k: "b" }, { k: "c" }] };

describe("replayExecution", () => {
  it("reproduces an unchanged execution exactly: ids, links, payloads and timestamps", async () => {
    const recording = await record(NESTED, items, counter());
    const replay = await replayExecution(recording);
    expect(replay.status).toBe("SUCCEEDED");
    expect(plain(replay.events)).toEqual(plain(recording.events as HistoryEvent[]));
    expect(replay.missed).toEqual([]);
    expect(replay.answered).toBe(13);
  });

  it("is deterministic: the same replay twice gives the same history, UUIDs and random numbers included", async () => {
    const definition = {
      StartAt: "Ids",
      States: {
        Ids: {
          Type: "Pass",
          Parameters: { "id.$": "States.UUID()", "n.$": "States.MathRandom(1, 1000)", "at.$": "$$.State.EnteredTime" },
          Next: "T",
        },
        T: { Type: "Task", Resource: "arn:aws:lambda:eu-west-1:1:function:t", End: true },
      },
    };
    const recording = await record(
      definition,
      {},
      fnInvoker(() => "done"),
    );
    const first = await replayExecution(recording);
    const second = await replayExecution(recording);
    expect(plain(first.events)).toEqual(plain(second.events));
    expect(detailsOf(first.events[2])?.output).toMatch(/"id":"[0-9a-f-]{36}"/);
  });

  it("answers each Map iteration from its own recorded iteration, whatever the order the recording lists them in", async () => {
    const definition = {
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          ItemProcessor: { StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true } } },
          End: true,
        },
      },
    };
    // As AWS may record it: iteration 1 ran (and is listed) before iteration 0, same parameters.
    const at = (id: number) => new Date(START.getTime() + id * 100);
    const ev = (id: number, previousEventId: number, type: string, details?: object): HistoryEvent => {
      const e: HistoryEvent = { id, previousEventId, type, timestamp: at(id) };
      if (details) e[`${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`] = details as Record<string, unknown>;
      return e;
    };
    const iteration = (first: number, link: number, index: number, output: string) => [
      ev(first, link, "MapIterationStarted", { name: "M", index }),
      ev(first + 1, first, "TaskStateEntered", { name: "T", input: "{}" }),
      ev(first + 2, first + 1, "TaskScheduled", { parameters: "{}", resource: "invoke", resourceType: "lambda", region: "eu-west-1" }),
      ev(first + 3, first + 2, "TaskStarted", { resource: "invoke", resourceType: "lambda" }),
      ev(first + 4, first + 3, "TaskSucceeded", { output, resource: "invoke", resourceType: "lambda" }),
      ev(first + 5, first + 4, "TaskStateExited", { name: "T", output }),
      ev(first + 6, first + 5, "MapIterationSucceeded", { name: "M", index }),
    ];
    const events = [
      ev(1, 0, "ExecutionStarted", { input: "[{},{}]" }),
      ev(2, 0, "MapStateEntered", { name: "M", input: "[{},{}]" }),
      ev(3, 2, "MapStateStarted", { length: 2 }),
      ...iteration(4, 3, 1, '"one"'),
      ...iteration(11, 9, 0, '"zero"'),
      ev(18, 17, "MapStateSucceeded"),
      ev(19, 17, "MapStateExited", { name: "M", output: '["zero","one"]' }),
      ev(20, 19, "ExecutionSucceeded", { output: '["zero","one"]' }),
    ];
    const source: ReplaySource = {
      executionArn: "arn:aws:states:eu-west-1:1:execution:M:x",
      name: "x",
      stateMachineArn: "arn:aws:states:eu-west-1:1:stateMachine:M",
      stateMachineName: "M",
      definition,
      status: "SUCCEEDED",
      events,
    };
    const replay = await replayExecution(source);
    expect(replay.output).toEqual(["zero", "one"]);
    expect(replay.answered).toBe(2);
  });

  it("fails calls the recording never made with statelens.NoRecordedResult, or answers them by the chosen rule", async () => {
    const recording = await record(NESTED, items, counter());
    const fan = checkpoints(recording.events, NESTED)
      .filter((c) => c.stateName === "Fan")
      .pop()!;
    const edited = await replayExecution(recording, { from: "Fan", input: { ...(fan.input as object), items: [{ k: "z" }] } });
    expect(edited.status).toBe("FAILED");
    expect(edited.error).toBe(NO_RECORDED_RESULT);
    expect(edited.cause).toContain("state 'Work' (attempt 0)");
    expect(edited.missed[0]).toEqual({ stateName: "Work", attempt: 0, reason: "request-changed" });
    const answered = await replayExecution(recording, {
      from: "Fan",
      input: { ...(fan.input as object), items: [{ k: "z" }] },
      onMissing: { invoker: fnInvoker((r) => ({ fresh: r.stateName })) },
    });
    expect(answered.status).toBe("SUCCEEDED");
    const fanExit = answered.events.filter((e) => e.type === "MapStateExited").pop()!;
    expect(JSON.parse(detailsOf(fanExit)!.output as string).mapped).toEqual([{ fresh: "Work" }]);
    expect(answered.missed.map((m) => m.stateName)).toEqual(["Work", "Left", "Right"]);
  });

  it("replays from a checkpoint without re-running the prefix, keeping the recorded prefix in the history", async () => {
    const recording = await record(NESTED, items, counter());
    const list = checkpoints(recording.events, NESTED);
    const both = list.find((c) => c.stateName === "Both" && c.visit === 2)!;
    const unchanged = await replayExecution(recording, { from: both.eventId });
    expect(unchanged.checkpoint?.eventId).toBe(both.eventId);
    expect(unchanged.engine.events[0]).toMatchObject({ type: "ParallelStateEntered", id: both.eventId });
    expect(plain(unchanged.events)).toEqual(plain(recording.events as HistoryEvent[]));
    expect(unchanged.answered).toBe(2);

    const patched = await replayExecution(recording, { from: "Count", patch: [{ op: "replace", path: "/n", value: 5 }] });
    const entry = patched.events.find((e) => e.id === list.find((c) => c.stateName === "Count" && c.visit === 2)!.eventId)!;
    expect(JSON.parse(detailsOf(entry)!.input as string).n).toBe(5);
    expect(patched.status).toBe("SUCCEEDED");
    expect(patched.events.length).toBe(recording.events.length);
    expect(patched.edits).toEqual({ patch: [{ op: "replace", path: "/n", value: 5 }] });
  });

  it("replays from the start with an edited execution input", async () => {
    const recording = await record(NESTED, items, counter());
    const replay = await replayExecution(recording, {
      input: { n: 1, items: [] },
      onMissing: { invoker: fnInvoker(() => ({ value: 2 })) },
    });
    expect(replay.checkpoint).toBeNull();
    expect(replay.input).toEqual({ n: 1, items: [] });
    expect(JSON.parse(detailsOf(replay.events[0])!.input as string)).toEqual({ n: 1, items: [] });
    expect(replay.status).toBe("SUCCEEDED");
    expect(replay.missed.map((m) => m.reason)).toContain("request-changed");
  });

  it("restores variables assigned before the checkpoint", async () => {
    const definition = {
      StartAt: "Set",
      States: {
        Set: { Type: "Pass", Assign: { greeting: "hello", count: 3 }, Next: "Use" },
        Use: { Type: "Pass", Parameters: { "g.$": "$greeting", "c.$": "$count" }, End: true },
      },
    };
    const recording = await record(
      definition,
      {},
      fnInvoker(() => null),
    );
    expect(checkpoints(recording.events, definition)[1].variables).toEqual({ greeting: "hello", count: 3 });
    const replay = await replayExecution(recording, { from: "Use" });
    expect(replay.output).toEqual({ g: "hello", c: 3 });
  });

  it("runs a changed definition against the recording (what-if)", async () => {
    const failing = { StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:lambda:eu-west-1:1:function:t", End: true } } };
    const recording = await record(
      failing,
      {},
      fnInvoker(() => {
        throw ["Boom", "it broke"];
      }),
    );
    expect(recording.status).toBe("FAILED");
    const caught = {
      StartAt: "T",
      States: {
        T: { ...failing.States.T, Catch: [{ ErrorEquals: ["Boom"], Next: "Recover" }] },
        Recover: { Type: "Pass", Result: "recovered", End: true },
      },
    };
    const replay = await replayExecution(recording, { definition: JSON.stringify(caught) });
    expect(replay.status).toBe("SUCCEEDED");
    expect(replay.output).toBe("recovered");
    expect(replay.edits?.definition).toContain("Recover");
    await expect(replayExecution(recording, { definition: '{"StartAt":"Nope","States":{}}' })).rejects.toThrow(/not valid/);
  });

  it("reproduces task timeouts and their timing from the recording", async () => {
    const definition = {
      StartAt: "Slow",
      States: { Slow: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: 5, End: true } },
    };
    const recording = await record(definition, {}, { invoke: () => ({ output: "late", durationMs: 60_000 }) });
    expect(recording.events.map((e) => e.type)).toContain("TaskTimedOut");
    const replay = await replayExecution(recording);
    expect(plain(replay.events)).toEqual(plain(recording.events as HistoryEvent[]));
    expect(replay.stopDate.getTime() - START.getTime()).toBe(5000);
  });

  it("stops where an aborted recording was stopped", async () => {
    const definition = {
      StartAt: "Hang",
      States: {
        Hang: {
          Type: "Task",
          Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          Parameters: { "t.$": "$$.Task.Token" },
          End: true,
        },
      },
    };
    const executionArn = "arn:aws:states:eu-west-1:1:execution:M:stopped";
    const handle = startExecution({
      definition,
      input: {},
      context: { executionArn, startTime: START },
      taskInvoker: { invoke: () => ({ pending: true }) },
    });
    setTimeout(() => handle.stop("Operator", "stopped by hand"), 20);
    const aborted = await handle.result;
    expect(aborted.status).toBe("ABORTED");
    const source: ReplaySource = {
      executionArn,
      name: "stopped",
      stateMachineArn: "arn:aws:states:eu-west-1:1:stateMachine:M",
      stateMachineName: "M",
      definition,
      status: "ABORTED",
      events: aborted.events,
    };
    const replay = await replayExecution(source);
    expect(replay.status).toBe("ABORTED");
    expect(replay.events.map((e) => e.type)).toEqual(aborted.events.map((e) => e.type));
  });
});
