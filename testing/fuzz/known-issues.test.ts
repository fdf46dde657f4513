import { describe, expect, it } from "vitest";
import { DefinitionError, runExecution, validateDefinition } from "../../lib/asl";
import { executionFromExport } from "../../lib/ingest/export-execution";
import { normalizeEvents } from "../../lib/ingest/normalize-events";
import { IngestFormatError } from "../../lib/ingest/parse-json-text";
import { KNOWN_ISSUES } from "./known-issues";

// Each known issue, reduced to its smallest case and written as the behaviour we want. `it.fails`
// passes while the bug is there; once fixed this turns red: delete the entry in known-issues.ts
// (so the fuzzers guard the fix) and turn `it.fails` into `it`.
describe("known issues the fuzzers found (owned elsewhere)", () => {
  (KNOWN_ISSUES.exportWithoutEvents ? it.fails : it)("an export without events is refused (lib/ingest/export-execution.ts)", () => {
    const doc = {
      statelens: 1,
      execution: {
        executionArn: "arn:aws:states:local:000000000000:execution:M:x",
        name: "x",
        stateMachineArn: "arn:aws:states:local:000000000000:stateMachine:M",
        stateMachineName: "M",
        type: "STANDARD",
        status: "SUCCEEDED",
        startDate: "2026-11-01T00:00:00Z",
      },
    };
    expect(() => executionFromExport(doc)).toThrow(IngestFormatError);
  });

  (KNOWN_ISSUES.outOfRangeTimestamp ? it.fails : it)(
    "a timestamp beyond the Date range is refused (lib/ingest/normalize-events.ts toDate)",
    () => {
      expect(() => normalizeEvents([{ id: 1, previousEventId: 0, type: "ExecutionStarted", timestamp: 1e300 }])).toThrow(IngestFormatError);
    },
  );

  (KNOWN_ISSUES.validatorCrashOnNonObjectState ? it.fails : it)(
    "validateDefinition reports a state that is not an object (lib/asl/parse/validate.ts)",
    () => {
      const issues = validateDefinition({ StartAt: "A", States: { A: "" } });
      expect(issues.some((i) => i.path.startsWith("States.A"))).toBe(true);
    },
  );

  it("a Choice rule that is not an object is a DefinitionError (lib/asl/evaluate/states/choice-state.ts)", async () => {
    const definition = { StartAt: "C", States: { C: { Type: "Choice", Choices: [null], Default: "D" }, D: { Type: "Succeed" } } };
    await expect(runExecution({ definition, input: {} })).rejects.toBeInstanceOf(DefinitionError);
  });

  it("a Catch or Retry entry that is not an object is a DefinitionError (lib/asl/evaluate/retry-catch.ts)", async () => {
    for (const field of [
      { Catch: [null] },
      { Catch: [{ ErrorEquals: ["States.ALL"] }] },
      { Retry: [null] },
      { Retry: "States.ALL" },
      { Catch: [{ Next: "D" }] },
    ]) {
      const definition = {
        StartAt: "T",
        States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true, ...field }, D: { Type: "Succeed" } },
      };
      await expect(runExecution({ definition, input: {} }), JSON.stringify(field)).rejects.toBeInstanceOf(DefinitionError);
    }
  });
});
