import { describe, expect, it } from "vitest";
import { dataFlowSteps, type DataFlowStep } from "./data-flow";

const fields = (steps: DataFlowStep[]) => steps.map((s) => s.field);
const valueOf = (steps: DataFlowStep[], field: string) => steps.find((s) => s.field === field)?.value;

describe("dataFlowSteps", () => {
  it("applies a Task's JSONPath fields in AWS's order and matches the recorded output", async () => {
    const flow = await dataFlowSteps({
      queryLanguage: "JSONPath",
      state: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        InputPath: "$.order",
        Parameters: { "id.$": "$.id", "execution.$": "$$.Execution.Name" },
        ResultSelector: { "total.$": "$.Payload.total" },
        ResultPath: "$.charge",
        OutputPath: "$.charge",
      },
      input: { order: { id: 7 }, other: true },
      result: { value: { Payload: { total: 42 }, StatusCode: 200 } },
      context: { Execution: { Name: "run-1" } },
      recordedOutput: { value: { total: 42 } },
    });
    expect(fields(flow.steps)).toEqual(["Input", "InputPath", "Parameters", "Result", "ResultSelector", "ResultPath", "OutputPath"]);
    expect(valueOf(flow.steps, "InputPath")).toEqual({ id: 7 });
    expect(valueOf(flow.steps, "Parameters")).toEqual({ id: 7, execution: "run-1" });
    expect(flow.steps.find((s) => s.field === "Result")?.recorded).toBe(true);
    expect(valueOf(flow.steps, "ResultSelector")).toEqual({ total: 42 });
    // ResultPath places the selected result into the state's raw input, not the InputPath view
    expect(valueOf(flow.steps, "ResultPath")).toEqual({ order: { id: 7 }, other: true, charge: { total: 42 } });
    expect(valueOf(flow.steps, "OutputPath")).toEqual({ total: 42 });
    expect(flow.matchesRecorded).toBe(true);
  });

  it("says when the computed output differs from the recorded one", async () => {
    const flow = await dataFlowSteps({
      queryLanguage: "JSONPath",
      state: { Type: "Pass", Result: { a: 1 }, ResultPath: "$.r" },
      input: {},
      recordedOutput: { value: { r: { a: 2 } } },
    });
    expect(valueOf(flow.steps, "ResultPath")).toEqual({ r: { a: 1 } });
    expect(flow.matchesRecorded).toBe(false);
  });

  it("names the failing step and stops the values there", async () => {
    const flow = await dataFlowSteps({
      queryLanguage: "JSONPath",
      state: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:1:function:f", InputPath: "$.missing", ResultPath: "$.r" },
      input: { present: 1 },
      result: { value: 1 },
    });
    const inputPath = flow.steps.find((s) => s.field === "InputPath")!;
    expect(inputPath.error).toMatch(/\$\.missing/);
    expect(flow.steps.find((s) => s.field === "ResultPath")?.unavailable).toBe("an earlier step has no value");
    expect(flow.matchesRecorded).toBeUndefined();
  });

  it("shows a caught error placed by the Catch that took it", async () => {
    const flow = await dataFlowSteps({
      queryLanguage: "JSONPath",
      state: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Catch: [
          { ErrorEquals: ["Other"], Next: "A", ResultPath: "$.wrong" },
          { ErrorEquals: ["States.TaskFailed"], Next: "B", ResultPath: "$.error" },
        ],
      },
      input: { x: 1 },
      failure: { error: "Boom", cause: "bad" },
    });
    expect(fields(flow.steps)).toEqual(["Input", "InputPath", "Error output", "Catch ResultPath"]);
    expect(valueOf(flow.steps, "Catch ResultPath")).toEqual({ x: 1, error: { Error: "Boom", Cause: "bad" } });
  });

  it("applies JSONata Arguments and Output with $states.result and variables", async () => {
    const flow = await dataFlowSteps({
      queryLanguage: "JSONata",
      state: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Arguments: { FunctionName: "f", Payload: "{% $states.input.n * $factor %}" },
        Output: "{% { 'sum': $sum($states.result.Payload.values) } %}",
      },
      input: { n: 3 },
      variables: { factor: 10 },
      result: { value: { Payload: { values: [1, 2, 3] } } },
      recordedOutput: { value: { sum: 6 } },
    });
    expect(fields(flow.steps)).toEqual(["Input", "Arguments", "Result", "Output"]);
    expect(valueOf(flow.steps, "Arguments")).toEqual({ FunctionName: "f", Payload: 30 });
    expect(valueOf(flow.steps, "Output")).toEqual({ sum: 6 });
    expect(flow.matchesRecorded).toBe(true);
  });

  it("stops a runaway JSONata expression at its time budget instead of hanging", async () => {
    const started = Date.now();
    const flow = await dataFlowSteps({
      queryLanguage: "JSONata",
      state: { Type: "Pass", Output: "{% ($f := function($n){ $f($n + 1) }; $f(0)) %}" },
      input: {},
      timeLimitMs: 200,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(flow.steps.find((s) => s.field === "Output")?.error).toBeDefined();
  });

  it("a Map's result the history does not hold is unavailable, not invented", async () => {
    const flow = await dataFlowSteps({
      queryLanguage: "JSONPath",
      state: { Type: "Map", ItemsPath: "$.items", ResultPath: "$.results", ItemProcessor: {} },
      input: { items: [1, 2] },
    });
    expect(valueOf(flow.steps, "ItemsPath")).toEqual([1, 2]);
    expect(flow.steps.find((s) => s.field === "Result")?.unavailable).toMatch(/does not record/);
    expect(flow.steps.find((s) => s.field === "ResultPath")?.value).toBeUndefined();
  });

  it("a JSONata Choice: the matched rule's Output, else the Default's (the state's Output)", async () => {
    const state = {
      Type: "Choice",
      Choices: [
        { Condition: "{% $states.input.n > 10 %}", Next: "Big", Output: "{% 'big ' & $states.input.n %}" },
        { Condition: "{% $states.input.n > 5 %}", Next: "Mid" },
      ],
      Default: "Small",
      Output: "small",
    };
    const big = await dataFlowSteps({ queryLanguage: "JSONata", state, input: { n: 11 } });
    expect(fields(big.steps)).toEqual(["Input", "Condition", "Output"]);
    expect(big.steps[1].note).toBe("rule 1 matched: next Big");
    expect(valueOf(big.steps, "Output")).toBe("big 11");
    const mid = await dataFlowSteps({ queryLanguage: "JSONata", state, input: { n: 6 } });
    expect(fields(mid.steps)).toEqual(["Input", "Condition"]);
    expect(mid.steps[1].note).toBe("rule 2 matched: next Mid");
    const small = await dataFlowSteps({ queryLanguage: "JSONata", state, input: { n: 1 } });
    expect(small.steps[1].note).toBe("no rule matched: the Default applies");
    expect(valueOf(small.steps, "Output")).toBe("small");
  });
});
