import type { BenchWorkflow } from "./types";

/**
 * (a) A JSONPath Choice/Pass loop: Init, then Check -> Inc until the counter reaches `loops`.
 * States entered: Init + 2 per loop + the last Check + Done = 2 * loops + 3.
 */
export function choiceLoop(transitions = 100_000): BenchWorkflow {
  const loops = Math.max(1, Math.ceil((transitions - 3) / 2));
  return {
    id: "choice-loop",
    title: "Choice/Pass loop (JSONPath)",
    definition: {
      Comment: "counter loop",
      StartAt: "Init",
      States: {
        Init: { Type: "Pass", Parameters: { counter: { v: 0 }, "limit.$": "$.limit", "tag.$": "$.tag" }, Next: "Check" },
        Check: {
          Type: "Choice",
          Choices: [
            { Variable: "$.counter.v", NumericGreaterThanEqualsPath: "$.limit", Next: "Done" },
            {
              And: [
                { Variable: "$.tag", StringEquals: "stop" },
                { Variable: "$.counter.v", NumericLessThan: 0 },
              ],
              Next: "Done",
            },
          ],
          Default: "Inc",
        },
        Inc: { Type: "Pass", Parameters: { "v.$": "States.MathAdd($.counter.v, 1)" }, ResultPath: "$.counter", Next: "Check" },
        Done: { Type: "Succeed" },
      },
    },
    input: { limit: loops, tag: "bench" },
    handlers: {},
    transitions: 2 * loops + 3,
  };
}
