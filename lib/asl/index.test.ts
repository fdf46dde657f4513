import { describe, expect, it } from "vitest";
import { DefinitionError, runExecution, seededRandom, startExecution, validateDefinition } from "./index";

describe("public surface", () => {
  it("accepts definition text and rejects definitions it cannot build", async () => {
    const text = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true } } });
    expect((await runExecution({ definition: text, input: 1 })).output).toBe(1);
    await expect(runExecution({ definition: "{not json", input: {} })).rejects.toBeInstanceOf(DefinitionError);
    await expect(runExecution({ definition: { StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } }, input: {} })).rejects.toThrow(
      'States.A.Next: state "B" does not exist',
    );
    expect(() => startExecution({ definition: { StartAt: "X", States: {} }, input: {} })).toThrow(DefinitionError);
  });

  it("is deterministic for a given seed, context and invoker", async () => {
    const definition = {
      StartAt: "A",
      States: { A: { Type: "Pass", Parameters: { "id.$": "States.UUID()", "r.$": "States.MathRandom(1, 1000)" }, End: true } },
    };
    const run = () => runExecution({ definition, input: {}, random: seededRandom(7), context: { startTime: new Date(0) } });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.output).toEqual(b.output);
    expect(a.events).toEqual(b.events);
  });

  it("re-exports validateDefinition from the expression layer", () => {
    expect(validateDefinition({ StartAt: "A", States: { A: { Type: "Pass", End: true } } })).toEqual([]);
  });
});
