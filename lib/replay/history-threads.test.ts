import { describe, expect, it } from "vitest";
import { definitionScopes } from "./definition-scopes";
import { trackHistory } from "./history-threads";
import { fnInvoker, NESTED, record } from "../../testing/replay/record";

const flakyB = fnInvoker((r) => {
  if (r.stateName === "Work" && r.attempt === 0 && (r.parameters as { k: string }).k === "b") throw ["Flaky", "try again"];
  return r.stateName === "Prepare" ? { value: 7 } : { from: r.stateName };
});

describe("ThreadTracker", () => {
  it("keys every task call by thread (Map iteration, Parallel branch), state visit and attempt", async () => {
    const recording = await record(NESTED, { n: 0, items: [{ k: "a" }, { k: "b" }, { k: "c" }] }, flakyB);
    const tracker = trackHistory(recording.events, definitionScopes(NESTED));
    expect(tracker.calls.map((c) => c.key)).toEqual([
      "|Prepare#1|0",
      "/Fan@1[0]|Work#1|0",
      "/Fan@1[1]|Work#1|0",
      "/Fan@1[2]|Work#1|0",
      "/Fan@1[1]|Work#1|1",
      "/Both@1/b0|Left#1|0",
      "/Both@1/b1|Right#1|0",
      "/Fan@2[0]|Work#1|0",
      "/Fan@2[1]|Work#1|0",
      "/Fan@2[2]|Work#1|0",
      "/Fan@2[1]|Work#1|1",
      "/Both@2/b0|Left#1|0",
      "/Both@2/b1|Right#1|0",
    ]);
    const retried = tracker.calls[2];
    expect(retried.end).toMatchObject({ type: "LambdaFunctionFailed", error: "Flaky", cause: "try again" });
    expect(tracker.calls[4].end?.type).toBe("LambdaFunctionSucceeded");
  });

  it("puts entries after a Map or Parallel back in the outer thread and counts loop visits", async () => {
    const recording = await record(NESTED, { n: 0, items: [{ k: "a" }] }, flakyB);
    const tracker = trackHistory(recording.events, definitionScopes(NESTED));
    const top = tracker.entries.filter((e) => e.thread.depth === 0).map((e) => `${e.stateName}#${e.visit}`);
    expect(top).toEqual(["Prepare#1", "Fan#1", "Both#1", "Count#1", "Again#1", "Fan#2", "Both#2", "Count#2", "Again#2", "Done#1"]);
  });

  it("places AWS's iteration links (an iteration starting after its sibling's last event)", () => {
    // As AWS records an inline Map with MaxConcurrency 1: MapIterationStarted 1 links into iteration 0.
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
    const d = (type: string, id: number, prev: number, details?: object) => ({
      id,
      previousEventId: prev,
      type,
      timestamp: new Date(id * 100),
      ...(details ? { x: 1, [`${type[0].toLowerCase()}${type.slice(1)}EventDetails`]: details } : {}),
    });
    const events = [
      d("ExecutionStarted", 1, 0, { input: "{}" }),
      d("MapStateEntered", 2, 0, { name: "M", input: "[1,2]" }),
      d("MapStateStarted", 3, 2, { length: 2 }),
      d("MapIterationStarted", 4, 3, { name: "M", index: 0 }),
      d("TaskStateEntered", 5, 4, { name: "T", input: "1" }),
      d("TaskScheduled", 6, 5, { parameters: "1" }),
      d("TaskSucceeded", 7, 6, { output: '"one"' }),
      d("TaskStateExited", 8, 7, { name: "T", output: '"one"' }),
      d("MapIterationSucceeded", 9, 8, { name: "M", index: 0 }),
      d("MapIterationStarted", 10, 8, { name: "M", index: 1 }),
      d("TaskStateEntered", 11, 10, { name: "T", input: "2" }),
      d("TaskScheduled", 12, 11, { parameters: "2" }),
      d("TaskSucceeded", 13, 12, { output: '"two"' }),
    ];
    const tracker = trackHistory(events, definitionScopes(definition));
    expect(tracker.calls.map((c) => [c.key, c.end?.output])).toEqual([
      ["/M@1[0]|T#1|0", '"one"'],
      ["/M@1[1]|T#1|0", '"two"'],
    ]);
  });

  it("keeps calls whose links a recorder dropped apart, pairing each Scheduled with an outcome in order", () => {
    // The conformance recorder's Parallel normaliser: ids [0], no links, the slice sorted by JSON text (outcomes first).
    const definition = {
      StartAt: "P",
      States: {
        P: {
          Type: "Parallel",
          Branches: [{ StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true } } }],
          End: true,
        },
      },
    };
    const lost = (type: string, details?: object) => ({
      id: [0] as unknown as number,
      previousEventId: 0,
      type,
      timestamp: "timestamp",
      ...(details ? { [`${type[0].toLowerCase()}${type.slice(1)}EventDetails`]: details } : {}),
    });
    const events = [
      { id: 1, previousEventId: 0, type: "ExecutionStarted", timestamp: "timestamp", executionStartedEventDetails: { input: {} } },
      {
        id: 2,
        previousEventId: 0,
        type: "ParallelStateEntered",
        timestamp: "timestamp",
        stateEnteredEventDetails: { name: "P", input: {} },
      },
      { id: 3, previousEventId: 2, type: "ParallelStateStarted", timestamp: "timestamp" },
      lost("TaskStateEntered", { name: "T", input: {} }),
      lost("TaskFailed", { error: "E1" }),
      lost("TaskScheduled", { parameters: { n: 1 } }),
      lost("TaskScheduled", { parameters: { n: 2 } }),
      lost("TaskSucceeded", { output: { ok: 2 } }),
    ];
    const tracker = trackHistory(events, definitionScopes(definition));
    expect(tracker.calls).toEqual([]);
    expect(tracker.unplacedCalls.map((c) => [c.key, c.parameters, c.end?.type])).toEqual([
      ["?1", { n: 1 }, "TaskFailed"],
      ["?2", { n: 2 }, "TaskSucceeded"],
    ]);
    expect(tracker.entries.map((e) => `${e.thread.key}|${e.stateName}`)).toEqual(["|P", "/P@1/b0|T"]);
  });

  it("records distributed Map Runs with the state's exit, and calls failed before scheduling", () => {
    const d = (type: string, id: number, prev: number, details?: object) => ({
      id,
      previousEventId: prev,
      type,
      timestamp: new Date(id * 100),
      ...(details ? { [`${type[0].toLowerCase()}${type.slice(1)}EventDetails`]: details } : {}),
    });
    const definition = {
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED" }, StartAt: "W", States: { W: { Type: "Pass", End: true } } },
          Next: "T",
        },
        T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true },
      },
    };
    const events = [
      d("ExecutionStarted", 1, 0, { input: "{}" }),
      d("MapStateEntered", 2, 0, { name: "M", input: '{"xs":[1]}' }),
      d("MapStateStarted", 3, 2, { length: 1 }),
      d("MapRunStarted", 4, 3, { mapRunArn: "arn:run" }),
      d("MapRunSucceeded", 5, 4),
      d("MapStateSucceeded", 6, 5),
      d("MapStateExited", 7, 4, { name: "M", output: "[1]", assignedVariables: { x: "1" } }),
      d("TaskStateEntered", 8, 7, { name: "T", input: "[1]" }),
      d("ExecutionFailed", 9, 8, { error: "States.Runtime", cause: "refused" }),
    ];
    const tracker = trackHistory(events, definitionScopes(definition));
    expect(tracker.mapRuns).toEqual([
      {
        key: "|M#1|0",
        stateName: "M",
        attempt: 0,
        mapRunArn: "arn:run",
        startedId: 4,
        startedAt: 400,
        stateInput: '{"xs":[1]}',
        end: { type: "MapRunSucceeded", at: 500, error: undefined, cause: undefined },
        exit: { output: "[1]", assignedVariables: { x: "1" } },
      },
    ]);
    expect(tracker.rejections).toEqual([
      { key: "|T#1|0", eventId: 9, stateName: "T", attempt: 0, error: "States.Runtime", cause: "refused" },
    ]);
  });
});
