import type { BenchWorkflow } from "./types";

/**
 * (b) An inline Map over `items` small objects (MaxConcurrency 0: both engines cap at 40 at a time), each
 * iteration a Pass then a Task answered locally; a Pass summarizes the results. Items and results
 * stay small so the payloads keep under AWS's 256 KiB limit (our engine enforces it).
 * States entered: Map + 2 per item + Count.
 */
export function mapItems(items = 10_000): BenchWorkflow {
  return {
    id: "map-items",
    title: `Inline Map over ${items.toLocaleString("en-US")} items (Pass + Task)`,
    definition: {
      StartAt: "Fan",
      States: {
        Fan: {
          Type: "Map",
          ItemsPath: "$.items",
          MaxConcurrency: 0,
          ItemProcessor: {
            StartAt: "Shape",
            States: {
              Shape: { Type: "Pass", Parameters: { "n.$": "$.n", "label.$": "States.Format('n{}', $.n)" }, Next: "Work" },
              Work: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:bench-double", End: true },
            },
          },
          ResultPath: "$.results",
          Next: "Count",
        },
        Count: {
          Type: "Pass",
          Parameters: {
            "count.$": "States.ArrayLength($.results)",
            "first.$": "$.results[0]",
            "last.$": "States.ArrayGetItem($.results, States.MathAdd(States.ArrayLength($.results), -1))",
          },
          End: true,
        },
      },
    },
    input: { items: Array.from({ length: items }, (_, i) => ({ n: i })) },
    handlers: {
      Work: (input) => {
        const item = input as { n: number; label: string };
        return item.n * 2 + (item.label.length % 2);
      },
    },
    transitions: 2 + 2 * items,
  };
}
