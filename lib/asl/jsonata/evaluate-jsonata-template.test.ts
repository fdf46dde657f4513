import { describe, expect, it } from "vitest";
import { evaluateJsonataTemplate, isJsonataTemplate, runJsonataTemplate } from "./evaluate-jsonata-template";
import type { JsonataBindings } from "./jsonata-bindings";

const bindings: JsonataBindings = {
  states: { input: { input_value: "v", input_values: [1, 2, 3] }, context: {} },
  variables: { var_constant_1: 1 },
  random: { random: () => 0, uuid: () => "u" },
};

describe("isJsonataTemplate", () => {
  it("accepts exactly one {% %} expression and nothing around it", () => {
    expect(isJsonataTemplate("{% $x %}")).toBe(true);
    expect(isJsonataTemplate("{%%}")).toBe(true);
    expect(isJsonataTemplate(" {% states.input %} ")).toBe(false);
    expect(isJsonataTemplate("{% x")).toBe(false);
    expect(isJsonataTemplate(3)).toBe(false);
  });
});

describe("evaluateJsonataTemplate", () => {
  it("replaces every template at any depth and keeps literals (recorded BASE_LITERALS / LIST_RICH shapes)", async () => {
    const value = {
      constant: [
        null,
        0,
        0.1,
        true,
        "string",
        [],
        "$nosuchvar",
        "$.no.such.path",
        "{% $states.input.input_value %}",
        { key: "{% true %}" },
      ],
      ja_expr: "{% $sum($states.input.input_values) + $var_constant_1 %}",
      not_jsonata: " {% states.input %} ",
      "constant_jp_input.$": "$",
    };
    expect(await evaluateJsonataTemplate(value, bindings)).toEqual({
      constant: [null, 0, 0.1, true, "string", [], "$nosuchvar", "$.no.such.path", "v", { key: true }],
      ja_expr: 7,
      not_jsonata: " {% states.input %} ",
      "constant_jp_input.$": "$",
    });
  });

  it("returns template-free values unchanged (no copy)", async () => {
    const value = { a: [1, { b: "x" }] };
    expect(await evaluateJsonataTemplate(value, bindings)).toBe(value);
  });

  it("builds the error location from the field and the keys on the way", async () => {
    await expect(evaluateJsonataTemplate({ Output: { result: "{% $nope %}" } }, bindings)).rejects.toMatchObject({
      error: "States.QueryEvaluationError",
      location: "Output/result",
      cause: "The JSONata expression '$nope' specified for the field 'Output/result' returned nothing (undefined).",
    });
    await expect(evaluateJsonataTemplate({ FunctionName: "{% $nope %}" }, bindings, "Arguments")).rejects.toMatchObject({
      location: "Arguments/FunctionName",
    });
    await expect(evaluateJsonataTemplate(["ok", "{% $nope %}"], bindings, "Items")).rejects.toMatchObject({ location: "Items/1" });
  });
});

describe("runJsonataTemplate", () => {
  it("answers synchronously when every expression runs in the fast evaluator", () => {
    const result = runJsonataTemplate(
      { a: "{% $states.input.input_value %}", b: ["{% $count($states.input.input_values) %}", 2] },
      bindings,
      "Output",
    );
    expect(result).toEqual({ a: "v", b: [3, 2] });
  });

  it("returns a promise once an expression needs jsonata, keeping order and the other results", async () => {
    const result = runJsonataTemplate(
      { a: "{% 1 %}", b: "{% $map([1, 2], function($x) { $x * 10 }) %}", c: "{% $var_constant_1 %}" },
      bindings,
      "Output",
    );
    expect(result).toBeInstanceOf(Promise);
    expect(Object.keys((await result) as object)).toEqual(["a", "b", "c"]);
    expect(await result).toEqual({ a: 1, b: [10, 20], c: 1 });
  });

  it("throws synchronously, with the location, when a fast expression returns nothing", () => {
    expect(() => runJsonataTemplate({ Output: { result: "{% $states.input.nope %}" } }, bindings)).toThrow(
      expect.objectContaining({ location: "Output/result", error: "States.QueryEvaluationError" }),
    );
  });
});
