import { describe, expect, it } from "vitest";
import { MISSING } from "./definite-path";
import type { ExpressionEnv } from "./env";
import { evaluateReferencePath, lookupReference } from "./evaluate-reference-path";
import { PathNotFoundError } from "./path-not-found-error";

const outer = { answer: 42, nested: { deep: [1, 2] } };
const variables = Object.create(outer) as Record<string, unknown>;
variables.local = "inner";

const env: ExpressionEnv = {
  input: { a: { b: "input" } },
  context: { Execution: { Id: "arn:exec", Input: { x: 1 } }, Map: { Item: { Value: "v" } } },
  variables,
  random: { random: () => 0, uuid: () => "u" },
};

describe("evaluateReferencePath", () => {
  it("reads the input, the context object and variables", () => {
    expect(evaluateReferencePath("$.a.b", env)).toBe("input");
    expect(evaluateReferencePath("$", env)).toBe(env.input);
    expect(evaluateReferencePath("$$.Execution.Id", env)).toBe("arn:exec");
    expect(evaluateReferencePath("$$.Map.Item.Value", env)).toBe("v");
    expect(evaluateReferencePath("$$", env)).toBe(env.context);
    expect(evaluateReferencePath("$local", env)).toBe("inner");
  });

  it("finds variables of outer scopes through the prototype chain", () => {
    expect(evaluateReferencePath("$answer", env)).toBe(42);
    expect(evaluateReferencePath("$nested.deep[1]", env)).toBe(2);
    expect(evaluateReferencePath("$nested.deep[*]", env)).toEqual([1, 2]);
  });

  it("fails with the original path for missing values and unknown variables", () => {
    expect(() => evaluateReferencePath("$$.Execution.Input.no_such_jsonpath", env)).toThrow(PathNotFoundError);
    try {
      evaluateReferencePath("$nope.x", env);
    } catch (error) {
      expect((error as PathNotFoundError).path).toBe("$nope.x");
      expect((error as PathNotFoundError).cause).toContain("nope");
    }
  });

  it("lookupReference reports absence as MISSING", () => {
    expect(lookupReference("$.a.c", env)).toBe(MISSING);
    expect(lookupReference("$undefinedVariable", env)).toBe(MISSING);
    expect(lookupReference("$answer", env)).toBe(42);
  });
});
