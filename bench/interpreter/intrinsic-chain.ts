import { chainInput, chainLoops, chainTransitions } from "./chain-input";
import type { BenchWorkflow } from "./types";

/** The JSONPath definition of the chain (also the peer's stand-in for the JSONata chain). */
export function intrinsicChainDefinition(): object {
  return {
    StartAt: "Init",
    States: {
      Init: { Type: "Pass", Result: { v: 0 }, ResultPath: "$.counter", Next: "Check" },
      Check: {
        Type: "Choice",
        Choices: [{ Variable: "$.counter.v", NumericGreaterThanEqualsPath: "$.limit", Next: "Done" }],
        Default: "Work",
      },
      Work: {
        Type: "Pass",
        Parameters: {
          "label.$": "States.Format('item {} of {} ({})', $.counter.v, $.limit, $.tag)",
          "range.$": "States.ArrayRange(1, 20, 1)",
          "parsed.$": "States.StringToJson($.jsonText)",
          "text.$": "States.JsonToString($.a)",
          "parts.$": "States.StringSplit($.csv, ',')",
          "count.$": "States.ArrayLength($.words)",
          "has.$": "States.ArrayContains($.words, 'delta')",
          "third.$": "States.ArrayGetItem($.words, 2)",
          "pairs.$": "States.ArrayPartition($.words, 3)",
          "unique.$": "States.ArrayUnique($.dupes)",
          "b64.$": "States.Base64Encode($.tag)",
          "hash.$": "States.Hash($.tag, 'SHA-256')",
          "merged.$": "States.JsonMerge($.a, $.b, false)",
          "next.$": "States.MathAdd($.counter.v, 1)",
        },
        ResultPath: "$.computed",
        Next: "Inc",
      },
      Inc: { Type: "Pass", Parameters: { "v.$": "$.computed.next" }, ResultPath: "$.counter", Next: "Check" },
      Done: { Type: "Succeed" },
    },
  };
}

/** (c) An intrinsic-heavy chain: every loop evaluates fourteen intrinsic functions in Parameters. */
export function intrinsicChain(transitions = 30_000): BenchWorkflow {
  const loops = chainLoops(transitions);
  return {
    id: "intrinsic-chain",
    title: "Intrinsic-heavy chain (JSONPath)",
    definition: intrinsicChainDefinition(),
    input: chainInput(loops),
    handlers: {},
    transitions: chainTransitions(loops),
  };
}
