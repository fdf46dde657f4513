import { describe, expect, it } from "vitest";
import { evaluateJsonata } from "./evaluate-jsonata";
import type { JsonataBindings } from "./jsonata-bindings";
import { QueryEvaluationError } from "./query-evaluation-error";

const bindings = (input: unknown = {}, extra: Partial<JsonataBindings> = {}): JsonataBindings => ({
  states: { input, context: { Execution: { Id: "arn:exec" } } },
  variables: {},
  random: { random: () => 0.25, uuid: () => "uuid-1" },
  ...extra,
});

async function failure(expression: string, field?: string, b = bindings()): Promise<QueryEvaluationError> {
  try {
    await evaluateJsonata(expression, b, field);
  } catch (error) {
    expect(error).toBeInstanceOf(QueryEvaluationError);
    expect((error as QueryEvaluationError).error).toBe("States.QueryEvaluationError");
    return error as QueryEvaluationError;
  }
  throw new Error(`${expression} did not fail`);
}

describe("evaluateJsonata", () => {
  it("binds $states and variables (including outer scopes through the prototype chain)", async () => {
    const variables = Object.assign(Object.create({ outer: 40 }), { inner: 2 });
    expect(await evaluateJsonata("$states.input.a + $outer + $inner", bindings({ a: 1 }, { variables }))).toBe(43);
    expect(await evaluateJsonata("$states.context.Execution.Id", bindings())).toBe("arn:exec");
    const withResult = bindings({}, { states: { input: {}, context: {}, result: { r: 1 }, errorOutput: { Error: "E" } } });
    expect(await evaluateJsonata("[$states.result.r, $states.errorOutput.Error]", withResult)).toEqual([1, "E"]);
  });

  it("returns plain JSON: sequences become ordinary arrays", async () => {
    const result = await evaluateJsonata("$states.input.items.name", bindings({ items: [{ name: "a" }, { name: "b" }] }));
    expect(result).toEqual(["a", "b"]);
    expect(Object.keys(result as object)).toEqual(["0", "1"]);
  });

  it("provides AWS's functions", async () => {
    const b = bindings();
    expect(await evaluateJsonata("$partition([1,2,3,4,5], 2)", b)).toEqual([[1, 2], [3, 4], [5]]);
    expect(await evaluateJsonata("$range(0, 10, 2)", b)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(await evaluateJsonata("$range(5, 1, -2)", b)).toEqual([5, 3, 1]);
    expect(await evaluateJsonata("$hash('input data', 'MD5')", b)).toBe("812f45842bc6d66ee14572ce20db8e86");
    expect(await evaluateJsonata("$random()", b)).toBe(0.25);
    expect(await evaluateJsonata("$random(42)", b)).toBe(0.7275636800328681);
    expect(await evaluateJsonata("$uuid()", b)).toBe("uuid-1");
    expect(await evaluateJsonata('$parse(\'{"Arg1": 1, "Arg2": []}\')', b)).toEqual({ Arg1: 1, Arg2: [] });
    expect(Object.is(await evaluateJsonata("$parse('-0')", b), 0)).toBe(true);
  });

  // Expected values: AWS's recorded outputs in LocalStack's
  // tests/aws/services/stepfunctions/v2/intrinsic_functions/test_array_jsonata.snapshot.json
  // ($range(1, 9, 9) -> 1, $range(0, 9, 3) -> [0,3,6,9], $partition([0], n) -> [[0]]).
  it("settles $range's result under JSONata's sequence rules, and keeps $partition's chunks wrapped", async () => {
    const b = bindings({ fst: [0], one: [0, 1] });
    expect(await evaluateJsonata("$range(1, 9, 9)", b)).toBe(1);
    expect(await evaluateJsonata("$range(0, 9, 3)", b)).toEqual([0, 3, 6, 9]);
    expect(await evaluateJsonata("{'r': $range(4, 4, 1)}", b)).toEqual({ r: 4 });
    expect(await evaluateJsonata("$range(0, 4, 2)[1]", b)).toBe(2);
    expect((await failure("$range(5, 1, 1)", "Output")).message).toContain("returned nothing (undefined)");
    expect(await evaluateJsonata("$partition($states.input.fst, 1)", b)).toEqual([[0]]);
    expect(await evaluateJsonata("$partition($states.input.fst, 5)", b)).toEqual([[0]]);
    expect(await evaluateJsonata("$partition($states.input.one, 1)", b)).toEqual([[0], [1]]);
  });

  it("uses the bindings' clock for $now() and $millis()", async () => {
    const b = bindings({}, { now: () => new Date("2024-11-06T09:42:03Z") });
    expect(await evaluateJsonata("$now()", b)).toBe("2024-11-06T09:42:03.000Z");
    expect(await evaluateJsonata("$millis()", b)).toBe(Date.parse("2024-11-06T09:42:03Z"));
  });

  it("evaluates the recorded regular-expression cases", async () => {
    expect(await evaluateJsonata("$contains('hello$world', /^hello\\$/)", bindings())).toBe(true);
    expect(await evaluateJsonata('$contains("hello$world", /^hello\\ /)', bindings())).toBe(false);
  });

  it("fails with AWS's causes and the field as location", async () => {
    const undefinedResult = await failure("$doesNotExist", "Assign/result");
    expect(undefinedResult.cause).toBe(
      "The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined).",
    );
    expect(undefinedResult.location).toBe("Assign/result");
    expect((await failure("$randomSeeded($states.input.fst)", "Output/FunctionResult")).cause).toBe(
      "The JSONata expression '$randomSeeded($states.input.fst)' specified for the field 'Output/FunctionResult' " +
        "threw an error during evaluation. T1006: Attempted to invoke a non-function",
    );
    expect((await failure("  $x  ")).cause).toBe("The JSONata expression '$x' returned nothing (undefined).");
    expect((await failure("$sum", "Output")).cause).toContain("returned an unsupported result type.");
    expect((await failure("$eval('1 + 1')", "Output")).cause).toContain("$eval function is not supported");
    expect((await failure("$partition('x', 2)", "Output")).cause).toContain("must be an array");
    expect((await failure("1 +", "Output")).cause).toContain("threw an error during evaluation. S0207");
  });
});
