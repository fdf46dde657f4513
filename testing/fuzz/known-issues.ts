import type { IngestedExecution } from "../../lib/ingest/types";

/**
 * Bugs the fuzzers found in code owned by other parts of the tree. Each is pinned by a failing
 * expectation in known-issues.test.ts (`it.fails`): when the owner fixes it, that test turns red,
 * and the matching entry here must be deleted so the fuzzers guard the fix.
 */
export const KNOWN_ISSUES = {
  /** lib/ingest/export-execution.ts: an export whose `events` is missing or not an array imports with no history. */
  exportWithoutEvents: false,
  /** lib/ingest/normalize-events.ts toDate: numeric timestamps beyond ±8.64e15 ms become Invalid Date, and saveExecution throws RangeError. */
  outOfRangeTimestamp: false,
  /** lib/asl/parse/validate.ts: a state that is not an object (`"States": {"A": ""}`) makes asl-validator throw a TypeError through validateDefinition. */
  validatorCrashOnNonObjectState: false,
};

/** Which known issue (if any) explains a parsed execution without events. */
export function explainsEmptyHistory(execution: IngestedExecution): boolean {
  return KNOWN_ISSUES.exportWithoutEvents && execution.events.length === 0;
}

/** Which known issue (if any) explains an error thrown while storing `execution`. */
export function explainsSaveError(execution: IngestedExecution, error: unknown): boolean {
  const invalidDate = (d: Date | null) => d !== null && Number.isNaN(d.getTime());
  return (
    KNOWN_ISSUES.outOfRangeTimestamp &&
    error instanceof RangeError &&
    /Invalid time value/.test(error.message) &&
    (execution.events.some((e) => invalidDate(e.timestamp)) || invalidDate(execution.startDate) || invalidDate(execution.stopDate))
  );
}

/** Every value stored under a key named `key`, anywhere in `node`. */
function valuesUnder(node: unknown, key: string, out: unknown[] = []): unknown[] {
  if (node === null || typeof node !== "object") return out;
  for (const [k, v] of Object.entries(node)) {
    if (k === key) out.push(v);
    valuesUnder(v, key, out);
  }
  return out;
}

const isPlainObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);

/** asl-validator's TypeError on a `States` that is not an object of objects (it sets QueryLanguage on each entry). */
export function explainsValidatorCrash(definition: unknown, error: unknown): boolean {
  if (!KNOWN_ISSUES.validatorCrashOnNonObjectState || !(error instanceof TypeError)) return false;
  return valuesUnder(definition, "States").some(
    (states) => !isPlainObject(states) || Object.values(states as object).some((state) => !isPlainObject(state)),
  );
}
