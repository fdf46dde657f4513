import { describe, expect, it } from "vitest";
import { loadPureCases, maskInputJson, stripStatePrefix } from "../../../testing/asl/recorded-cases";
import { isSimpleMachine, runSimpleMachine } from "../../../testing/asl/run-simple-machine";

/**
 * Data-driven check of the whole expression layer against AWS recordings: every pure case made
 * only of Pass/Choice/Succeed/Fail states (paths, payload templates, intrinsics, Assign, JSONata,
 * Choice rules) is run through a minimal interpreter and compared with what AWS returned.
 */
const NOT_EXPRESSION_CASES = new Set([
  // Engine concerns: the 256 KiB payload limit, and a context-object field masked as "start-time".
  "error_handling.test_states_errors.TestStatesErrors.test_start_large_input.json",
  "base.test_base.TestSnfBase.test_query_context_object_values.json",
]);

const cases = loadPureCases().filter(
  (c) => isSimpleMachine(c) && c.expected.status !== "RUNNING_OR_UNKNOWN" && !NOT_EXPRESSION_CASES.has(c.file),
);

describe("recorded simple machines", () => {
  it("covers a meaningful share of the recordings", () => {
    expect(cases.length).toBeGreaterThan(500);
  });

  it.each(cases.map((c) => [c.file, c] as const))("%s", async (_file, recorded) => {
    const outcome = await runSimpleMachine(recorded);
    expect(outcome.status).toBe(recorded.expected.status);
    if (outcome.status === "FAILED") {
      expect(outcome.error).toBe(recorded.expected.error ?? "");
      expect(maskInputJson(outcome.cause)).toBe(stripStatePrefix(recorded.expected.cause ?? ""));
    } else if (recorded.tags.includes("nondeterministic")) {
      // Masked values ("RandomNumberGenerated", "generated-uuid"): same keys, a produced value.
      expect(Object.keys(outcome.output as object)).toEqual(Object.keys(recorded.expected.output as object));
    } else {
      expect(outcome.output).toEqual(recorded.expected.output);
    }
  });
});
