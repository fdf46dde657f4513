import { describe, expect, it } from "vitest";
import { DefinitionError, runExecution } from "../../index";
import { eventLines } from "../../../../testing/asl/event-lines";

const definition = {
  StartAt: "C",
  States: {
    C: {
      Type: "Choice",
      Choices: [
        { Variable: "$.n", NumericGreaterThan: 10, Next: "Big", Assign: { size: "big" } },
        {
          And: [
            { Variable: "$.n", NumericGreaterThan: 0 },
            { Variable: "$.n", NumericLessThanEquals: 10 },
          ],
          Next: "Small",
        },
      ],
      Default: "Other",
      Assign: { size: "other" },
    },
    Big: { Type: "Pass", Parameters: { "size.$": "$size" }, End: true },
    Small: { Type: "Pass", Result: "small", End: true },
    Other: { Type: "Pass", Parameters: { "size.$": "$size" }, End: true },
  },
};

describe("Choice state", () => {
  it("takes the first matching rule with its Assign", async () => {
    const result = await runExecution({ definition, input: { n: 11 } });
    expect(result.output).toEqual({ size: "big" });
    expect(eventLines(result.events).slice(1, 3)).toEqual(["2<-0 ChoiceStateEntered", "3<-2 ChoiceStateExited"]);
  });

  it("evaluates compound rules", async () => {
    expect((await runExecution({ definition, input: { n: 3 } })).output).toBe("small");
  });

  it("falls back to Default with the state-level Assign", async () => {
    expect((await runExecution({ definition, input: { n: -1 } })).output).toEqual({ size: "other" });
  });

  it("fails with States.NoChoiceMatched without Default", async () => {
    const { Default: _, ...noDefault } = definition.States.C;
    const result = await runExecution({ definition: { ...definition, States: { ...definition.States, C: noDefault } }, input: { n: -1 } });
    expect(result.status).toBe("FAILED");
    expect(result.error).toBe("States.NoChoiceMatched");
  });

  it("uses JSONata Conditions and per-rule Output", async () => {
    const result = await runExecution({
      definition: {
        QueryLanguage: "JSONata",
        StartAt: "C",
        States: {
          C: {
            Type: "Choice",
            Choices: [{ Condition: "{% $states.input.kind = 'a' %}", Output: { picked: "a" }, Next: "Done" }],
            Default: "Done",
          },
          Done: { Type: "Succeed" },
        },
      },
      input: { kind: "a" },
    });
    expect(result.output).toEqual({ picked: "a" });
  });
});

describe("Choice rules that are not objects", () => {
  const machine = (choices: unknown[]) => ({
    StartAt: "C",
    States: { C: { Type: "Choice", Choices: choices, Default: "D" }, D: { Type: "Succeed" } },
  });

  it.each([
    [[null], "States.C.Choices[0]: a Choice rule must be a JSON object, but was null"],
    [[{ Variable: "$.a", IsPresent: true, Next: "D" }, "x"], "States.C.Choices[1]: a Choice rule must be a JSON object, but was string"],
    [
      [{ And: [{ Variable: "$.a", IsPresent: true }, 3], Next: "D" }],
      "States.C.Choices[0].And[1]: a Choice rule must be a JSON object, but was number",
    ],
    [[{ Or: [[]], Next: "D" }], "States.C.Choices[0].Or[0]: a Choice rule must be a JSON object, but was an array"],
    [[{ Not: null, Next: "D" }], "States.C.Choices[0].Not: a Choice rule must be a JSON object, but was null"],
    [[{ And: { Variable: "$.a", IsPresent: true }, Next: "D" }], "States.C.Choices[0].And: And must be an array of Choice rules"],
  ])("refuses %j with a DefinitionError naming the state and field", async (choices, message) => {
    const run = runExecution({ definition: machine(choices), input: {} });
    await expect(run).rejects.toBeInstanceOf(DefinitionError);
    await expect(run).rejects.toThrow(message);
  });

  it("refuses them in a JSONata Choice too", async () => {
    const definition = { QueryLanguage: "JSONata", ...machine([{ Condition: "{% true %}", Next: "D" }, null]) };
    await expect(runExecution({ definition, input: {} })).rejects.toThrow(
      "States.C.Choices[1]: a Choice rule must be a JSON object, but was null",
    );
  });
});
