import { describe, expect, it } from "vitest";
import { runExecution } from "../../index";
import { detailsOf, eventLines } from "../../../../testing/asl/event-lines";

const start = new Date("2024-05-01T10:00:00Z");

describe("Pass state", () => {
  it("runs JSONPath I/O: InputPath -> Parameters -> ResultPath -> OutputPath", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "P",
        States: {
          P: {
            Type: "Pass",
            InputPath: "$.order",
            Parameters: { "id.$": "$.id", "name.$": "$$.Execution.Name", fixed: 1 },
            ResultPath: "$.order.summary",
            OutputPath: "$.order",
            End: true,
          },
        },
      },
      input: { order: { id: 7 } },
      context: { executionName: "run-1", startTime: start },
    });
    expect(result.status).toBe("SUCCEEDED");
    expect(result.output).toEqual({ id: 7, summary: { id: 7, name: "run-1", fixed: 1 } });
  });

  it("emits Entered/Exited with JSON text payloads, linked ids and virtual timestamps", async () => {
    const result = await runExecution({
      definition: { StartAt: "A", States: { A: { Type: "Pass", Result: { x: 1 }, Next: "B" }, B: { Type: "Pass", End: true } } },
      input: { in: true },
      context: { startTime: start, roleArn: "arn:aws:iam::1:role/r" },
    });
    expect(eventLines(result.events)).toEqual([
      "1<-0 ExecutionStarted",
      "2<-0 PassStateEntered",
      "3<-2 PassStateExited",
      "4<-3 PassStateEntered",
      "5<-4 PassStateExited",
      "6<-5 ExecutionSucceeded",
    ]);
    expect(detailsOf(result.events, "ExecutionStarted")).toEqual({
      input: '{"in":true}',
      inputDetails: { truncated: false },
      roleArn: "arn:aws:iam::1:role/r",
    });
    expect(detailsOf(result.events, "PassStateExited")).toEqual({ name: "A", output: '{"x":1}', outputDetails: { truncated: false } });
    expect(result.events.every((e) => e.timestamp.getTime() === start.getTime())).toBe(true);
    expect(result.startDate).toEqual(start);
  });

  it("assigns variables, shows them in StateExited and reads them in later states", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "A",
        States: {
          A: { Type: "Pass", Assign: { "who.$": "$.name", n: 2 }, Next: "B" },
          B: { Type: "Pass", Parameters: { "greeting.$": "States.Format('hi {}', $who)", "n.$": "$n" }, End: true },
        },
      },
      input: { name: "ana" },
    });
    expect(result.output).toEqual({ greeting: "hi ana", n: 2 });
    expect(detailsOf(result.events, "PassStateExited")).toMatchObject({ assignedVariables: { who: '"ana"', n: "2" } });
  });

  it("evaluates JSONata Output and Assign with $states.input", async () => {
    const result = await runExecution({
      definition: {
        QueryLanguage: "JSONata",
        StartAt: "A",
        States: {
          A: {
            Type: "Pass",
            Assign: { total: "{% $sum($states.input.v) %}" },
            Output: { doubled: "{% $states.input.v.($ * 2) %}" },
            Next: "B",
          },
          B: { Type: "Pass", Output: "{% $total %}", End: true },
        },
      },
      input: { v: [1, 2, 3] },
    });
    expect(result.output).toBe(6);
    expect(detailsOf(result.events, "PassStateExited")).toMatchObject({ output: '{"doubled":[2,4,6]}' });
  });

  it("fails with States.Runtime and AWS's cause prefix when InputPath matches nothing", async () => {
    const result = await runExecution({
      definition: { StartAt: "p", States: { p: { Type: "Pass", InputPath: "$.missing", End: true } } },
      input: {},
    });
    expect(result.status).toBe("FAILED");
    expect(result.error).toBe("States.Runtime");
    expect(result.cause).toMatch(/^An error occurred while executing the state 'p' \(entered at the event id #2\)\. /);
    expect(eventLines(result.events)).toEqual(["1<-0 ExecutionStarted", "2<-0 PassStateEntered", "3<-2 ExecutionFailed"]);
  });

  it("fails with States.DataLimitExceeded when a state's output passes 256 KiB", async () => {
    const result = await runExecution({
      definition: { StartAt: "Big", States: { Big: { Type: "Pass", Result: { s: "x".repeat(300_000) }, End: true } } },
      input: {},
    });
    expect(result.error).toBe("States.DataLimitExceeded");
    expect(result.cause).toBe("The state/task 'Big' returned a result with a size exceeding the maximum number of bytes service limit.");
  });
});

describe("input text", () => {
  it("shows the caller's input text while states pass the input through unchanged", async () => {
    const result = await runExecution({
      definition: { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Result: [1, 2], End: true } } },
      input: [1, 2],
      inputText: "[1, 2]",
    });
    const payloads = result.events.map((e) => {
      const d = (e.executionStartedEventDetails ?? e.stateEnteredEventDetails ?? e.stateExitedEventDetails) as
        { input?: string; output?: string } | undefined;
      return d?.input ?? d?.output;
    });
    expect(payloads).toEqual(["[1, 2]", "[1, 2]", "[1, 2]", "[1, 2]", "[1,2]", undefined]);
  });
});
