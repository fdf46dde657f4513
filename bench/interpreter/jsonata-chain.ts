import { chainInput, chainLoops, chainTransitions } from "./chain-input";
import { intrinsicChainDefinition } from "./intrinsic-chain";
import type { BenchWorkflow } from "./types";

/**
 * (d) The intrinsic chain written in JSONata (same states, same output). aws-local-stepfunctions
 * has no JSONata, so the peer runs the JSONPath definition; the ratio compares like work.
 */
export function jsonataChain(transitions = 30_000): BenchWorkflow {
  const loops = chainLoops(transitions);
  const input = "$states.input";
  return {
    id: "jsonata-chain",
    title: "JSONata-heavy chain",
    definition: {
      QueryLanguage: "JSONata",
      StartAt: "Init",
      States: {
        Init: { Type: "Pass", Output: `{% $merge([${input}, {"counter": {"v": 0}}]) %}`, Next: "Check" },
        Check: {
          Type: "Choice",
          Choices: [{ Condition: `{% ${input}.counter.v >= ${input}.limit %}`, Next: "Done" }],
          Default: "Work",
        },
        Work: {
          Type: "Pass",
          Output: {
            limit: `{% ${input}.limit %}`,
            tag: `{% ${input}.tag %}`,
            words: `{% ${input}.words %}`,
            dupes: `{% ${input}.dupes %}`,
            csv: `{% ${input}.csv %}`,
            jsonText: `{% ${input}.jsonText %}`,
            a: `{% ${input}.a %}`,
            b: `{% ${input}.b %}`,
            counter: `{% ${input}.counter %}`,
            computed: {
              label: `{% 'item ' & ${input}.counter.v & ' of ' & ${input}.limit & ' (' & ${input}.tag & ')' %}`,
              range: "{% [1..20] %}",
              parsed: `{% $parse(${input}.jsonText) %}`,
              text: `{% $string(${input}.a) %}`,
              parts: `{% $split(${input}.csv, ',') %}`,
              count: `{% $count(${input}.words) %}`,
              has: `{% 'delta' in ${input}.words %}`,
              third: `{% ${input}.words[2] %}`,
              pairs: `{% $partition(${input}.words, 3) %}`,
              unique: `{% $distinct(${input}.dupes) %}`,
              b64: `{% $base64encode(${input}.tag) %}`,
              hash: `{% $hash(${input}.tag, 'SHA-256') %}`,
              merged: `{% $merge([${input}.a, ${input}.b]) %}`,
              next: `{% ${input}.counter.v + 1 %}`,
            },
          },
          Next: "Inc",
        },
        Inc: { Type: "Pass", Output: `{% $merge([${input}, {"counter": {"v": ${input}.computed.next}}]) %}`, Next: "Check" },
        Done: { Type: "Succeed" },
      },
    },
    peerDefinition: intrinsicChainDefinition(),
    input: chainInput(loops),
    handlers: {},
    transitions: chainTransitions(loops),
    note: "peer has no JSONata: it runs the JSONPath equivalent (same output)",
  };
}
