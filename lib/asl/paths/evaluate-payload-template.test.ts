import { describe, expect, it } from "vitest";
import { StatesError } from "../errors";
import type { ExpressionEnv } from "./env";
import { evaluatePayloadTemplate } from "./evaluate-payload-template";

const env: ExpressionEnv = {
  input: { name: "Ada", vals: [0, 10, 20, 30, 40, 50], flagged: 7 },
  context: { Execution: { Id: "arn:exec" }, Map: { Item: { Value: "item-1", Index: 0 } } },
  variables: { greeting: "Hello", nested: { x: [1, 2] } },
  random: { random: () => 0.25, uuid: () => "uuid-0" },
};

describe("evaluatePayloadTemplate", () => {
  it("evaluates .$ keys from the input, context, variables and intrinsics (spec example)", () => {
    const template = {
      flagged: true,
      parts: { "first.$": "$.vals[0]", "last3.$": "$.vals[3:]" },
      "ctx.$": "$$.Execution.Id",
      "item.$": "$$.Map.Item.Value",
      "var.$": "$greeting",
      "deep.$": "$nested.x[1]",
      "msg.$": "States.Format('{} {}', $greeting, $.name)",
      list: [{ "n.$": "$.name" }, "$.literal", 3],
      "literal path": "$.name",
    };
    expect(evaluatePayloadTemplate(template, env)).toEqual({
      flagged: true,
      parts: { first: 0, last3: [30, 40, 50] },
      ctx: "arn:exec",
      item: "item-1",
      var: "Hello",
      deep: 2,
      msg: "Hello Ada",
      list: [{ n: "Ada" }, "$.literal", 3],
      "literal path": "$.name",
    });
  });

  it("returns constant templates and scalars unchanged", () => {
    const constant = { a: 1, b: ["$.x", { c: "$$" }] };
    expect(evaluatePayloadTemplate(constant, env)).toBe(constant);
    expect(evaluatePayloadTemplate("x", env)).toBe("x");
    expect(evaluatePayloadTemplate(null, env)).toBeNull();
  });

  it("is stable across repeated evaluations of the same (compiled) template", () => {
    const template = { "n.$": "$.name" };
    for (const name of ["a", "b", "c"]) {
      expect(evaluatePayloadTemplate(template, { ...env, input: { name } })).toEqual({ n: name });
    }
  });

  it("fails with AWS's cause when a path selects nothing (recorded wording)", () => {
    const input = { "int-literal": 0 };
    for (const path of ["$.no_such_jsonpath", "$$.Execution.Input.no_such_jsonpath"]) {
      try {
        evaluatePayloadTemplate({ "value.$": path }, { ...env, input });
        throw new Error("expected failure");
      } catch (error) {
        expect(error).toBeInstanceOf(StatesError);
        expect((error as StatesError).error).toBe("States.Runtime");
        expect((error as StatesError).cause).toBe(
          `The JSONPath '${path}' specified for the field 'value.$' could not be found in the input '{"int-literal":0}'`,
        );
      }
    }
  });

  it("rejects a .$ value that is neither a path nor an intrinsic", () => {
    expect(() => evaluatePayloadTemplate({ "x.$": "foo" }, env)).toThrow("must be a valid JSONPath or a valid intrinsic function call");
    expect(() => evaluatePayloadTemplate({ "x.$": 3 }, env)).toThrow(StatesError);
  });
});
