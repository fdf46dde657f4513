import { describe, expect, it } from "vitest";
import { StatesError } from "../errors";
import type { ExpressionEnv } from "../paths/env";
import { loadPureCases } from "../../../testing/asl/recorded-cases";
import { evaluateChoiceRule } from "./evaluate-choice-rule";

const env = (input: unknown, variables: Record<string, unknown> = {}): ExpressionEnv => ({
  input,
  context: { Execution: { Input: input } },
  variables,
  random: { random: () => 0, uuid: () => "u" },
});

const check = (rule: object, input: unknown, variables?: Record<string, unknown>) => evaluateChoiceRule(rule, env(input, variables));

describe("evaluateChoiceRule", () => {
  it("compares strings, numbers, booleans and timestamps, false on type mismatch", () => {
    expect(check({ Variable: "$.v", StringEquals: "a" }, { v: "a" })).toBe(true);
    expect(check({ Variable: "$.v", StringLessThan: "AB" }, { v: "A" })).toBe(true);
    expect(check({ Variable: "$.v", StringGreaterThanEquals: "A" }, { v: "AB" })).toBe(true);
    expect(check({ Variable: "$.v", NumericEquals: 1 }, { v: 1.0 })).toBe(true);
    expect(check({ Variable: "$.v", NumericEquals: 1 }, { v: "1" })).toBe(false);
    expect(check({ Variable: "$.v", NumericGreaterThan: 0 }, { v: true })).toBe(false);
    expect(check({ Variable: "$.v", BooleanEquals: false }, { v: false })).toBe(true);
    expect(check({ Variable: "$.v", BooleanEquals: true }, { v: 1 })).toBe(false);
    expect(check({ Variable: "$.v", TimestampLessThan: "2012-10-09T19:00:56Z" }, { v: "2012-10-09T19:00:55Z" })).toBe(true);
    expect(check({ Variable: "$.v", TimestampEquals: "2012-10-09T19:00:55Z" }, { v: "2012-10-09T20:00:55+01:00" })).toBe(true);
    expect(check({ Variable: "$.v", TimestampEquals: "2012-10-09T19:00:55Z" }, { v: "2023-02-24 12:15:56.832957" })).toBe(false);
  });

  it("reads *Path operands from the input, context and variables", () => {
    expect(check({ Variable: "$.a", NumericLessThanPath: "$.b" }, { a: 1, b: 2 })).toBe(true);
    expect(check({ Variable: "$.a", StringEqualsPath: "$$.Execution.Input.a" }, { a: "x" })).toBe(true);
    expect(check({ Variable: "$limit", NumericGreaterThanEqualsPath: "$.n" }, { n: 3 }, { limit: 3 })).toBe(true);
    expect(check({ Variable: "$.a", TimestampGreaterThanPath: "$.b" }, { a: "2020-01-01T00:00:00.5Z", b: "2020-01-01T00:00:00Z" })).toBe(
      true,
    );
  });

  it("implements StringMatches with AWS's escapes", () => {
    expect(check({ Variable: "$.f", StringMatches: "log-*.txt" }, { f: "log-2024-01.txt" })).toBe(true);
    expect(check({ Variable: "$.f", StringMatches: "*.log" }, { f: "a.txt" })).toBe(false);
    expect(check({ Variable: "$.f", StringMatches: "a\\*b" }, { f: "a*b" })).toBe(true);
    expect(check({ Variable: "$.f", StringMatches: "a\\*b" }, { f: "axxb" })).toBe(false);
    expect(check({ Variable: "$.f", StringMatches: "c:\\\\*" }, { f: "c:\\dir" })).toBe(true);
  });

  it("implements the type tests, with missing values as not present", () => {
    expect(check({ Variable: "$.x", IsPresent: false }, {})).toBe(true);
    expect(check({ Variable: "$.x", IsPresent: true }, { x: null })).toBe(true);
    expect(check({ Variable: "$.x", IsNull: true }, { x: null })).toBe(true);
    expect(check({ Variable: "$.x", IsNull: false }, {})).toBe(true);
    expect(check({ Variable: "$.x", IsNumeric: true }, { x: 1.5 })).toBe(true);
    expect(check({ Variable: "$.x", IsString: true }, { x: 1 })).toBe(false);
    expect(check({ Variable: "$.x", IsBoolean: true }, { x: false })).toBe(true);
    expect(check({ Variable: "$.x", IsTimestamp: true }, { x: "2016-03-14T01:59:00Z" })).toBe(true);
    expect(check({ Variable: "$.x", IsTimestamp: true }, { x: "2016-03-14" })).toBe(false);
  });

  it("combines rules with And / Or / Not (the AWS docs scenario)", () => {
    const rules = [
      { Not: { Variable: "$.type", StringEquals: "Private" } },
      { Variable: "$.value", NumericEquals: 0 },
      {
        And: [
          { Variable: "$.value", NumericGreaterThanEquals: 20 },
          { Variable: "$.value", NumericLessThan: 30 },
        ],
      },
    ];
    const matches = (input: unknown) => rules.map((rule) => check(rule, input));
    expect(matches({ type: "Private", value: 22 })).toEqual([false, false, true]);
    expect(matches({ type: "Public", value: 3 })).toEqual([true, false, false]);
    expect(
      check(
        {
          Or: [
            { Variable: "$.a", IsPresent: true },
            { Variable: "$.b", BooleanEquals: true },
          ],
        },
        { b: true },
      ),
    ).toBe(true);
  });

  it("fails when the Variable or operand path matches nothing", () => {
    try {
      check({ Variable: "$.missing", StringEquals: "x" }, {});
      throw new Error("expected failure");
    } catch (error) {
      expect(error).toBeInstanceOf(StatesError);
      expect((error as StatesError).cause).toBe("Invalid path '$.missing': The choice state's condition path references an invalid value.");
    }
    expect(() => check({ Variable: "$.a", NumericEqualsPath: "$.nope" }, { a: 1 })).toThrow("Invalid path '$.nope'");
    expect(() => check({ Variable: "$.a" }, { a: 1 })).toThrow(StatesError);
  });
});

/** Every recorded choice-operator execution: one rule, and the Pass state it led to. */
const recorded = loadPureCases("choice_operators.").map((c) => {
  const choice = Object.values(c.definition.States).find((s) => s.Type === "Choice")!;
  const rule = (choice.Choices as object[])[0];
  const output = c.expected.output as { "TestResult.$": string };
  return [c.file, rule, c.input, output["TestResult.$"] === "ConditionTrue"] as const;
});

describe("recorded choice operators", () => {
  it("has the recorded cases", () => expect(recorded.length).toBeGreaterThan(300));
  it.each(recorded)("%s", (_file, rule, input, expected) => {
    expect(evaluateChoiceRule(rule, env(input))).toBe(expected);
  });
});
