import { describe, expect, it } from "vitest";
import { runExecution } from "../../index";
import { detailsOf, eventLines } from "../../../../testing/asl/event-lines";

const start = new Date("2024-05-01T10:00:00Z");

describe("Map state (inline)", () => {
  it("iterates with ItemsPath/ItemSelector and links events like AWS (MaxConcurrency 1)", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemsPath: "$.xs",
            MaxConcurrency: 1,
            ItemSelector: { "v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index", "tag.$": "$.tag" },
            ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
            End: true,
          },
        },
      },
      input: { xs: ["a", "b"], tag: "t" },
    });
    expect(result.output).toEqual([
      { v: "a", i: 0, tag: "t" },
      { v: "b", i: 1, tag: "t" },
    ]);
    expect(eventLines(result.events)).toEqual([
      "1<-0 ExecutionStarted",
      "2<-0 MapStateEntered",
      "3<-2 MapStateStarted",
      "4<-3 MapIterationStarted",
      "5<-4 PassStateEntered",
      "6<-5 PassStateExited",
      "7<-6 MapIterationSucceeded",
      "8<-6 MapIterationStarted",
      "9<-8 PassStateEntered",
      "10<-9 PassStateExited",
      "11<-10 MapIterationSucceeded",
      "12<-11 MapStateSucceeded",
      "13<-11 MapStateExited",
      "14<-13 ExecutionSucceeded",
    ]);
    expect(detailsOf(result.events, "MapStateStarted")).toEqual({ length: 2 });
    expect(detailsOf(result.events, "MapIterationStarted", 1)).toEqual({ index: 1, name: "M" });
  });

  it("interleaves concurrent iterations state by state (all exit a state before any enters the next)", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemProcessor: {
              StartAt: "P",
              States: {
                P: { Type: "Pass", Parameters: { "n.$": "$.n" }, Next: "T" },
                T: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:f", End: true },
              },
            },
            End: true,
          },
        },
      },
      input: [{ n: 1 }, { n: 2 }],
      taskInvoker: { invoke: (request) => ({ output: (request.parameters as { n: number }).n * 2 }) },
    });
    expect(result.output).toEqual([2, 4]);
    expect(eventLines(result.events).slice(3)).toEqual([
      "4<-3 MapIterationStarted",
      "5<-3 MapIterationStarted",
      "6<-4 PassStateEntered",
      "7<-5 PassStateEntered",
      "8<-6 PassStateExited",
      "9<-7 PassStateExited",
      "10<-8 TaskStateEntered",
      "11<-10 LambdaFunctionScheduled",
      "12<-9 TaskStateEntered",
      "13<-12 LambdaFunctionScheduled",
      "14<-11 LambdaFunctionStarted",
      "15<-13 LambdaFunctionStarted",
      "16<-14 LambdaFunctionSucceeded",
      "17<-15 LambdaFunctionSucceeded",
      "18<-16 TaskStateExited",
      "19<-17 TaskStateExited",
      "20<-18 MapIterationSucceeded",
      "21<-19 MapIterationSucceeded",
      "22<-21 MapStateSucceeded",
      "23<-21 MapStateExited",
      "24<-23 ExecutionSucceeded",
    ]);
  });

  it("starts concurrent iterations together and runs their waits in parallel on the virtual clock", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "M",
        States: {
          M: { Type: "Map", ItemProcessor: { StartAt: "W", States: { W: { Type: "Wait", SecondsPath: "$", End: true } } }, End: true },
        },
      },
      input: [30, 10, 20],
      context: { startTime: start },
    });
    expect(result.output).toEqual([30, 10, 20]);
    expect(result.events.slice(3, 6).map((e) => e.type)).toEqual(["MapIterationStarted", "MapIterationStarted", "MapIterationStarted"]);
    expect(result.stopDate.getTime() - start.getTime()).toBe(30_000);
    const exits = result.events
      .filter((e) => e.type === "WaitStateExited")
      .map((e) => (e.stateExitedEventDetails as { output: string }).output);
    expect(exits).toEqual(["10", "20", "30"]);
  });

  it("fails on the first failed iteration after aborting the others", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemProcessor: {
              StartAt: "C",
              States: {
                C: { Type: "Choice", Choices: [{ Variable: "$", NumericEquals: 0, Next: "F" }], Default: "W" },
                W: { Type: "Wait", Seconds: 5, End: true },
                F: { Type: "Fail", Error: "Zero" },
              },
            },
            End: true,
          },
        },
      },
      input: [1, 0],
    });
    expect(result.error).toBe("Zero");
    const types = result.events.map((e) => e.type);
    expect(types).toContain("MapIterationFailed");
    expect(types).toContain("MapIterationAborted");
    expect(types).toContain("WaitStateAborted");
    expect(types.slice(-2)).toEqual(["MapStateFailed", "ExecutionFailed"]);
  });

  it("reports JSONata Items that are not an array with EvaluationFailed", async () => {
    const result = await runExecution({
      definition: {
        QueryLanguage: "JSONata",
        StartAt: "M",
        States: {
          M: { Type: "Map", Items: "{% 1 %}", ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } }, End: true },
        },
      },
      input: {},
    });
    expect(result.error).toBe("States.QueryEvaluationError");
    expect(eventLines(result.events)).toEqual([
      "1<-0 ExecutionStarted",
      "2<-0 MapStateEntered",
      "3<-0 EvaluationFailed",
      "4<-3 MapStateFailed",
      "5<-4 ExecutionFailed",
    ]);
    expect(detailsOf(result.events, "EvaluationFailed")).toMatchObject({ location: "Items", state: "M" });
  });
});

describe("Map state (distributed)", () => {
  const distributed = (extra: Record<string, unknown>) => ({
    StartAt: "M",
    States: {
      M: {
        Type: "Map",
        ItemProcessor: {
          ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
          StartAt: "C",
          States: {
            C: { Type: "Choice", Choices: [{ Variable: "$.ok", BooleanEquals: false, Next: "F" }], Default: "S" },
            S: { Type: "Succeed" },
            F: { Type: "Fail", Error: "NotOk" },
          },
        },
        ...extra,
        End: true,
      },
    },
  });

  it("runs child executions outside this history and reports a map run", async () => {
    const result = await runExecution({ definition: distributed({ Label: "L" }), input: [{ ok: true }, { ok: true }] });
    expect(result.output).toEqual([{ ok: true }, { ok: true }]);
    expect(eventLines(result.events)).toEqual([
      "1<-0 ExecutionStarted",
      "2<-0 MapStateEntered",
      "3<-2 MapStateStarted",
      "4<-3 MapRunStarted",
      "5<-4 MapRunSucceeded",
      "6<-5 MapStateSucceeded",
      "7<-5 MapStateExited",
      "8<-7 ExecutionSucceeded",
    ]);
    expect((detailsOf(result.events, "MapRunStarted") as { mapRunArn: string }).mapRunArn).toMatch(/:mapRun:StateMachine\/L:/);
  });

  it("links MapStateExited to MapRunStarted when the Map follows another state (AWS's race)", async () => {
    const definition = distributed({});
    const result = await runExecution({
      definition: { StartAt: "Before", States: { Before: { Type: "Pass", Next: "M" }, M: definition.States.M } },
      input: [{ ok: true }],
    });
    expect(eventLines(result.events)).toEqual([
      "1<-0 ExecutionStarted",
      "2<-0 PassStateEntered",
      "3<-2 PassStateExited",
      "4<-3 MapStateEntered",
      "5<-4 MapStateStarted",
      "6<-5 MapRunStarted",
      "7<-6 MapRunSucceeded",
      "8<-7 MapStateSucceeded",
      "9<-6 MapStateExited",
      "10<-9 ExecutionSucceeded",
    ]);
  });

  it("tolerates failures up to ToleratedFailureCount and fails beyond it", async () => {
    const input = [{ ok: true }, { ok: false }, { ok: false }];
    const tolerated = await runExecution({ definition: distributed({ ToleratedFailureCount: 2 }), input });
    expect(tolerated.status).toBe("SUCCEEDED");
    expect((tolerated.output as unknown[])[1]).toEqual({ Error: "NotOk", Cause: null });
    const exceeded = await runExecution({ definition: distributed({ ToleratedFailureCount: 1 }), input });
    expect(exceeded.error).toBe("States.ExceedToleratedFailureThreshold");
    expect(exceeded.events.map((e) => e.type).slice(-3)).toEqual(["MapRunFailed", "MapStateFailed", "ExecutionFailed"]);
  });

  it("reads items through the ItemReader port, applies MaxItems and batches them", async () => {
    const seen: unknown[] = [];
    const result = await runExecution({
      definition: {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemReader: {
              Resource: "arn:aws:states:::s3:getObject",
              ReaderConfig: { InputType: "JSON", MaxItems: 5 },
              Parameters: { "Bucket.$": "$.b", Key: "k" },
            },
            ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { "b.$": "$.b" } },
            ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED" }, StartAt: "P", States: { P: { Type: "Pass", End: true } } },
            End: true,
          },
        },
      },
      input: { b: "bucket" },
      itemReader: { read: (request) => (seen.push(request), [1, 2, 3, 4, 5, 6, 7]) },
    });
    expect(seen).toEqual([
      {
        stateName: "M",
        resource: "arn:aws:states:::s3:getObject",
        parameters: { Bucket: "bucket", Key: "k" },
        readerConfig: { InputType: "JSON", MaxItems: 5 },
      },
    ]);
    expect(result.output).toEqual([
      { BatchInput: { b: "bucket" }, Items: [1, 2] },
      { BatchInput: { b: "bucket" }, Items: [3, 4] },
      { BatchInput: { b: "bucket" }, Items: [5] },
    ]);
    expect(detailsOf(result.events, "MapStateStarted")).toEqual({ length: 0 });
  });
});
