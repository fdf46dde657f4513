import { describe, expect, it } from "vitest";
import { MockConfigError } from "./mock-config-error";
import { parseMockConfig } from "./parse-mock-config";

const valid = {
  StateMachines: {
    LambdaSQSIntegration: {
      TestCases: {
        HappyPath: { LambdaState: "MockedLambdaSuccess", SQSState: "MockedSQSSuccess" },
        RetryPath: { LambdaState: "MockedLambdaRetry", SQSState: "MockedSQSSuccess" },
      },
    },
  },
  MockedResponses: {
    MockedLambdaSuccess: { "0": { Return: { StatusCode: 200, Payload: { body: "Hello" } } } },
    MockedSQSSuccess: { "0": { Return: { MessageId: "m-1" } } },
    MockedLambdaRetry: {
      "3": { Return: { StatusCode: 200 } },
      "0": { Throw: { Error: "Lambda.ResourceNotReadyException", Cause: "Lambda resource is not ready." } },
      "1-2": { Throw: { Error: "Lambda.TimeoutException", Cause: "Lambda timed out." } },
    },
  },
};

function issuesOf(raw: unknown): readonly string[] {
  try {
    parseMockConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(MockConfigError);
    return (error as MockConfigError).issues;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("parseMockConfig", () => {
  it("parses the documented example, with ranges sorted by invocation number", () => {
    const config = parseMockConfig(JSON.stringify(valid));
    expect(config.stateMachines.LambdaSQSIntegration.RetryPath).toEqual({
      LambdaState: "MockedLambdaRetry",
      SQSState: "MockedSQSSuccess",
    });
    expect(config.mockedResponses.MockedLambdaRetry.map((s) => [s.key, s.from, s.to, s.response.type])).toEqual([
      ["0", 0, 0, "throw"],
      ["1-2", 1, 2, "throw"],
      ["3", 3, 3, "return"],
    ]);
    expect(config.mockedResponses.MockedLambdaRetry[1].response).toEqual({
      type: "throw",
      error: "Lambda.TimeoutException",
      cause: "Lambda timed out.",
    });
  });

  it("accepts any JSON value as Return, and an empty mocked response", () => {
    const config = parseMockConfig({
      StateMachines: { M: { TestCases: { T: { S: "R" } } } },
      MockedResponses: { R: { "0": { Return: "text" }, "1": { Return: null } }, Empty: {} },
    });
    expect(config.mockedResponses.R.map((s) => s.response)).toEqual([
      { type: "return", value: "text" },
      { type: "return", value: null },
    ]);
    expect(config.mockedResponses.Empty).toEqual([]);
  });

  it("rejects invalid JSON text and non-objects", () => {
    expect(issuesOf("{ nope")[0]).toMatch(/^not valid JSON/);
    expect(issuesOf([])).toEqual(["the configuration must be a JSON object, got an array"]);
  });

  it("names every problem with its location", () => {
    const issues = issuesOf({
      StateMachines: { M: { TestCases: { T: { A: "Missing", B: 3 } } } },
      MockedResponse: {},
      MockedResponses: {
        Both: { "0": { Return: 1, Throw: { Error: "E", Cause: "C" } } },
        Neither: { "0": {} },
        BadKey: { first: { Return: 1 }, "3-1": { Return: 1 } },
        Overlap: { "0-2": { Return: 1 }, "2": { Return: 2 } },
        BadThrow: { "0": { Throw: { Error: 42 } } },
      },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'unknown top-level field "MockedResponse" (expected "StateMachines" and "MockedResponses")',
        "StateMachines.M.TestCases.T.B: must be a mocked response name, got a number",
        'StateMachines.M.TestCases.T.A: mocked response "Missing" is not defined in MockedResponses',
        'MockedResponses.Both["0"]: must contain exactly one of "Return" or "Throw"',
        'MockedResponses.Neither["0"]: must contain exactly one of "Return" or "Throw"',
        'MockedResponses.BadKey.first: invocation key must be a number like "0" or an inclusive range like "1-2"',
        'MockedResponses.BadKey["3-1"]: range end 1 is before its start 3',
        'MockedResponses.Overlap: invocation keys "0-2" and "2" overlap',
        'MockedResponses.BadThrow["0"].Throw.Error: must be a string, got a number',
        'MockedResponses.BadThrow["0"].Throw.Cause: must be a string, got nothing',
      ]),
    );
    expect(issues).toHaveLength(10);
  });

  it("requires both top-level sections and TestCases objects", () => {
    expect(issuesOf({ StateMachines: { M: {} } })).toEqual([
      "MockedResponses: missing",
      'StateMachines.M: must be an object with a "TestCases" object',
    ]);
  });

  it("puts all issues in the error message", () => {
    expect(() => parseMockConfig({})).toThrow(/2 problems[\s\S]*StateMachines: missing[\s\S]*MockedResponses: missing/);
  });
});
