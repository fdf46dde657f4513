import { describe, expect, it } from "vitest";
import { loadPureCases } from "../../../testing/asl/recorded-cases";
import { validateDefinition } from "./validate";

const pass = (extra: object = {}) => ({ Type: "Pass", End: true, ...extra });
const messages = (definition: unknown) => validateDefinition(definition).map((i) => `${i.path}: ${i.message}`);

describe("validateDefinition", () => {
  it("accepts valid JSONPath and JSONata machines", () => {
    expect(validateDefinition({ StartAt: "A", States: { A: pass() } })).toEqual([]);
    expect(
      validateDefinition({
        QueryLanguage: "JSONata",
        StartAt: "A",
        States: {
          A: { Type: "Pass", Output: 0.1, Assign: { x: [null, "{% $states.input %}"] }, Next: "C" },
          C: { Type: "Choice", Choices: [{ Condition: true, Next: "D", Output: "literal" }], Default: "D" },
          D: { Type: "Succeed" },
        },
      }),
    ).toEqual([]);
  });

  // AWS's words: "MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next,
  // MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2" (AWS output quoted
  // in localstack/localstack#11978); "Missing 'Next' target: X at /StartAt" for StartAt too.
  it("names the state and field of a missing transition target", () => {
    expect(messages({ StartAt: "Foo", States: { Foo: { Type: "Pass", Next: "Bar" } } })).toContain(
      "States.Foo.Next: Missing 'Next' target: Bar",
    );
    expect(messages({ StartAt: "Nope", States: { A: pass() } })).toContain("StartAt: Missing 'Next' target: Nope");
    expect(
      messages({
        StartAt: "C",
        States: { C: { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true, Next: "Q" }], Default: "Z" } },
      }),
    ).toEqual(expect.arrayContaining(["States.C.Choices[0].Next: Missing 'Next' target: Q", "States.C.Default: Missing 'Next' target: Z"]));
  });

  it("names missing fields as AWS does, without echoes of the schema's alternatives", () => {
    // AWS's wordings: "These fields are required: [States] at /", "The field 'Type' should have one of
    // these values: [...]", "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state
    // machine" (AWS answers recorded in LocalStack's stepfunctions snapshot tests).
    expect(messages({})).toEqual([": These fields are required: [States, StartAt]"]);
    expect(messages({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } })).toEqual(["States.A.Next: Missing 'Next' target: B"]);
    expect(messages({ StartAt: "A", States: { A: { Type: "Bogus", End: true } } })).toEqual([
      "States.A.Type: The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]",
    ]);
    expect(messages({ StartAt: "A", States: { A: { Type: "Task", End: true } } })).toEqual([
      "States.A: These fields are required: [Resource]",
    ]);
    expect(
      messages({
        StartAt: "C",
        States: { C: { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true }], Default: "D" }, D: pass() },
      }),
    ).toEqual(["States.C.Choices[0]: These fields are required: [Next]"]);
    expect(messages({ QueryLanguage: "JSONata", StartAt: "P", States: { P: pass({ QueryLanguage: "JSONPath" }) } })).toEqual([
      "States.P: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
    ]);
  });

  it("reports unreachable states and missing End/Next", () => {
    expect(messages({ StartAt: "A", States: { A: pass(), B: pass() } })).toContain('States.B: State "B" is not reachable.');
    expect(messages({ StartAt: "A", States: { A: { Type: "Pass" } } })).toContain(
      'States.A: must have exactly one of "Next" or "End": true',
    );
  });

  it("checks Retry and Catch fields", () => {
    const task = (extra: object) => ({
      StartAt: "T",
      States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true, ...extra }, H: pass() },
    });
    expect(
      messages(
        task({
          Retry: [{ ErrorEquals: ["States.ALL"], BackoffRate: 0.5, IntervalSeconds: 0, MaxAttempts: -1, JitterStrategy: "HALF" }],
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "H" }],
        }),
      ),
    ).toEqual(
      expect.arrayContaining([
        "States.T.Retry[0].BackoffRate: must be a number greater than or equal to 1.0",
        "States.T.Retry[0].IntervalSeconds: must be a positive integer",
        "States.T.Retry[0].MaxAttempts: must be a non-negative integer",
        'States.T.Retry[0].JitterStrategy: must be "FULL" or "NONE"',
      ]),
    );
    expect(messages(task({ Retry: [{ ErrorEquals: ["States.ALL", "X"] }], Catch: [{ ErrorEquals: [], Next: "Nope" }] }))).toEqual(
      expect.arrayContaining([
        'States.T.Retry[0].ErrorEquals: "States.ALL" must appear alone and in the last retrier',
        "States.T.Catch[0].ErrorEquals: must be a non-empty array of error names",
        "States.T.Catch[0].Next: Missing 'Next' target: Nope",
      ]),
    );
  });

  it("checks .$ templates, intrinsic calls, JSONata syntax, variable names and QueryLanguage fields", () => {
    expect(
      messages({ StartAt: "A", States: { A: pass({ Parameters: { "x.$": "States.ArrayRange(1, 2)", y: { "z.$": "nope" } } }) } }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^States\.A\.Parameters: The value for the field 'x\.\$' must be a valid JSONPath or a valid intrinsic function call \(.*takes 3 argument/,
        ),
        "States.A.Parameters: The value for the field 'z.$' must be a valid JSONPath or a valid intrinsic function call",
      ]),
    );
    expect(
      messages({ QueryLanguage: "JSONata", StartAt: "A", States: { A: pass({ Output: { v: "{% 1 + %}" }, Parameters: {} }) } }),
    ).toEqual(
      expect.arrayContaining([
        "States.A.Output.v: Unexpected end of expression",
        "States.A: The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the 'JSONPath' QueryLanguage",
      ]),
    );
    expect(messages({ StartAt: "A", States: { A: pass({ Assign: { "bad-name": 1, "ok.$": "$.x" } }) } })).toContain(
      'States.A.Assign.bad-name: "bad-name" is not a valid variable name',
    );
  });

  it("refuses names read from the (absent) context item at a JSONata expression's top level, and only those", () => {
    const output = (v: string) => messages({ QueryLanguage: "JSONata", StartAt: "E", States: { E: pass({ Output: { v } }) } });
    expect(output("{% {'a': phone, 'b': ($x := 1; name)} %}")).toEqual([
      "States.E.Output.v: Reference to 'phone' at the top level is not supported.",
      "States.E.Output.v: Reference to 'name' at the top level is not supported.",
    ]);
    for (const fine of [
      "{% $states.input.phone %}",
      "{% $states.input.items[name = 'x'].v %}",
      "{% $map($states.input.items, function($v) { $v.name }) %}",
      "{% $count($states.input) > 1 ? $x : [1, 2] %}",
    ]) {
      expect(output(fine), fine).toEqual([]);
    }
  });

  it("names a wrong number field and a Choice rule without one comparison, instead of the schema's oneOf", () => {
    const task = { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true };
    expect(messages({ StartAt: "T", States: { T: { ...task, TimeoutSeconds: 0, HeartbeatSeconds: 1.5 } } })).toEqual([
      "States.T.TimeoutSeconds: must be a positive integer",
      "States.T.HeartbeatSeconds: must be a positive integer",
    ]);
    expect(messages({ StartAt: "W", States: { W: { Type: "Wait", Seconds: "x", End: true } } })).toEqual([
      "States.W.Seconds: must be a non-negative integer",
    ]);
    expect(
      messages({ QueryLanguage: "JSONata", StartAt: "W", States: { W: { Type: "Wait", Seconds: "{% $states.input.s %}", End: true } } }),
    ).toEqual([]);
    expect(
      messages({
        StartAt: "C",
        States: { C: { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true, StringEquals: "x", Next: "D" }] }, D: pass() },
      }),
    ).toEqual([
      "States.C.Choices[0]: A Choice rule needs exactly one comparison operator (such as 'StringEquals' or 'IsPresent') or 'And', 'Or', 'Not'; found 'IsPresent', 'StringEquals'",
    ]);
  });

  it("recurses into Parallel branches and Map processors", () => {
    const definition = {
      StartAt: "P",
      States: {
        P: { Type: "Parallel", End: true, Branches: [{ StartAt: "B", States: { B: { Type: "Pass", Next: "Gone" } } }] },
      },
    };
    expect(messages(definition)).toContain("States.P.Branches[0].States.B.Next: Missing 'Next' target: Gone");
    const map = {
      StartAt: "M",
      States: { M: { Type: "Map", End: true, ItemProcessor: { StartAt: "I", States: { I: pass(), J: pass() } } } },
    };
    expect(messages(map)).toContain('States.M.ItemProcessor.States.J: State "J" is not reachable.');
  });

  it("reports asl-validator schema errors with a dotted path", () => {
    expect(messages({ StartAt: "W", States: { W: { Type: "Wait", End: true } } }).length).toBeGreaterThan(0);
    expect(validateDefinition("nope")).toEqual([{ path: "", message: "the definition must be a JSON object" }]);
  });
});

/** A sample of the definitions AWS accepted: none may be rejected (asl-validator takes ~40 ms each). */
const accepted = loadPureCases().filter((_, i) => i % 8 === 0);

describe("recorded definitions", () => {
  it.each(accepted.map((c) => [c.file, c.definition] as const))("%s is valid", (_file, definition) => {
    expect(validateDefinition(definition)).toEqual([]);
  });
});
