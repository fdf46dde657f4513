import { describe, expect, it } from "vitest";
import { definitionDiagnostics, invalidDefinitionMessage } from "./definition-diagnostics";

/**
 * CreateStateMachine's InvalidDefinition message for broken definitions, in full: only the real
 * problem, AWS's code and words, at AWS's location. Sources of the expected texts:
 * - AWS answers recorded in LocalStack's snapshot tests (tests/aws/services/stepfunctions/v2):
 *   "These fields are required: [States] at /", "The field 'Type' should have one of these
 *   values: [...] at /States/X/Type", "The value for the field 'parsed.$' must be a valid JSONPath
 *   or a valid intrinsic function call at /States/X/Parameters", "Value cannot be empty at
 *   /States/X/Branches", "String does not match RFC3339 timestamp at /States/X/Timestamp";
 * - AWS output quoted in localstack/localstack#11978 (missing target and unreachable state, joined
 *   by ", " in one pair of quotes) and serverless-step-functions#250 (a missing StartAt target);
 * - AWS answers measured in floci-io/floci#2670, #2735, #2745, #2968 (MISSING_END_STATE ... at
 *   null, "Field 'X' is not supported", INVALID_JSONATA_EXPRESSION with the parser's message,
 *   UNSUPPORTED_JSONATA_EXPRESSION for a top-level name, the QueryLanguage field rule).
 * The rest (a JSONPath-only field under JSONata, a bad path field's wording) follow those in kind.
 */
const P = { Type: "Pass", End: true };

function message(definition: unknown): string {
  return invalidDefinitionMessage(definitionDiagnostics(JSON.stringify(definition), "STANDARD"));
}

const cases: [string, unknown, string][] = [
  ["missing StartAt", { States: { A: P } }, "SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /"],
  [
    "an unknown state type, with a Next that would be fine",
    { StartAt: "A", States: { A: { Type: "Bogus", Next: "B" }, B: P } },
    "SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/A/Type",
  ],
  [
    "a Next to a missing state, and a state nothing reaches",
    { StartAt: "pass1", States: { pass1: { Type: "Pass", Next: "pass3" }, pass2: P } },
    `MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2`,
  ],
  [
    "a Next to a missing state as the only state (no terminal-state echo)",
    { StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } },
    "MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next",
  ],
  ["a StartAt naming no state", { StartAt: "X", States: { A: P } }, "MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /StartAt"],
  [
    "a loop with no terminal state",
    { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "A" } } },
    "MISSING_END_STATE: Workflow has no terminal state at null",
  ],
  [
    "a bad InputPath",
    { StartAt: "A", States: { A: { ...P, InputPath: "foo" } } },
    "SCHEMA_VALIDATION_FAILED: The value for the field 'InputPath' must be a valid JSONPath at /States/A/InputPath",
  ],
  [
    "a bad .$ path in Parameters",
    { StartAt: "A", States: { A: { ...P, Parameters: { nested: { "x.$": "foo" } } } } },
    "SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call at /States/A/Parameters",
  ],
  [
    "a Choice without Choices",
    { StartAt: "C", States: { C: { Type: "Choice", Default: "D" }, D: P } },
    "SCHEMA_VALIDATION_FAILED: These fields are required: [Choices] at /States/C",
  ],
  [
    "a Choice with no rules",
    { StartAt: "C", States: { C: { Type: "Choice", Choices: [], Default: "D" }, D: P } },
    "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/C/Choices",
  ],
  [
    "a JSONata expression that does not parse",
    { QueryLanguage: "JSONata", StartAt: "Main", States: { Main: { ...P, Output: "{% 1 + %}" } } },
    "INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output",
  ],
  [
    "a JSONata Condition that does not parse, in a state that sets JSONata itself",
    {
      StartAt: "C",
      States: { C: { Type: "Choice", QueryLanguage: "JSONata", Choices: [{ Condition: "{% $x( %}", Next: "D" }], Default: "D" }, D: P },
    },
    `INVALID_JSONATA_EXPRESSION: Expected ")" before end of expression at /States/C/Choices[0]/Condition`,
  ],
  [
    "a JSONata expression reading a name at the top level (there is no context item)",
    { QueryLanguage: "JSONata", StartAt: "E", States: { E: { ...P, Output: { v: "{% $count(phone) + phone %}" } } } },
    "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported. at /States/E/Output/v",
  ],
  [
    "a JSONata-only field in a JSONPath machine",
    { StartAt: "P", States: { P: { ...P, Output: { a: 1 } } } },
    "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage at /States/P",
  ],
  [
    "a field the state type does not take",
    { StartAt: "M", States: { M: { Type: "Map", ItemProcessor: { StartAt: "I", States: { I: P } }, TimeoutSeconds: 5, End: true } } },
    "SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported at /States/M",
  ],
  [
    "QueryLanguage on an ItemProcessor",
    {
      StartAt: "M",
      States: { M: { Type: "Map", ItemProcessor: { QueryLanguage: "JSONata", StartAt: "I", States: { I: P } }, End: true } },
    },
    "SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at /States/M/ItemProcessor",
  ],
  [
    "a Wait until a timestamp that is not RFC 3339",
    { StartAt: "WaitUntil", States: { WaitUntil: { Type: "Wait", Timestamp: "2016-12-05 21:29:29Z", End: true } } },
    "SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/WaitUntil/Timestamp",
  ],
  ["a state that is not an object", { StartAt: "A", States: { A: 5 } }, "SCHEMA_VALIDATION_FAILED: must be an object at /States/A"],
];

describe("InvalidDefinition messages", () => {
  it.each(cases)("%s", (_what, definition, expected) => {
    const text = message(definition);
    expect(text).toBe(`Invalid State Machine Definition: '${expected}'`);
    expect(text).not.toMatch(/undefined|fsm\d|oneOf|allowed values|could not be checked/);
  });

  it("mentions QueryLanguage only for a QueryLanguage rule", () => {
    for (const [, definition, expected] of cases) {
      if (!expected.includes("QueryLanguage")) expect(message(definition)).not.toContain("QueryLanguage");
    }
  });
});
