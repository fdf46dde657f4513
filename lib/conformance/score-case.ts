import { jsonEqual } from "./canonical-json";
import type { ConformanceCase } from "./case-types";
import { firstDifference, relabelMaskLabels, shapeOf } from "./compare-json";
import type { MaskedRun } from "./mask-run";
import { sortNormalizedRuns } from "./normalize-parallel-events";

export type Tier = "status" | "output" | "types" | "events";

/**
 * Tier results for one case: `true`/`false`, or `null` where the tier does not apply (no
 * recorded history; no cause for a run that did not fail). Each later tier also requires the
 * earlier ones of its kind: output requires status, event details require the type sequence.
 */
export interface CaseScore {
  status: boolean;
  output: boolean;
  types: boolean | null;
  events: boolean | null;
  cause: boolean | null;
  /** The first difference found per tier that failed. */
  diffs: Partial<Record<Tier | "cause", string>>;
}

/**
 * An event without its timestamp, and with `input`/`output` JSON text (arrays and scalars stay
 * text in the recordings) rewritten compactly. AWS passes the caller's input text through
 * untouched states verbatim, and the recorder's client wrote it Python-style (`["a", "b"]`,
 * `0.0`), which no engine can know.
 */
const comparable = (event: Record<string, unknown>) => {
  const { timestamp: _ignored, ...rest } = event;
  for (const [key, value] of Object.entries(rest)) {
    if (!key.endsWith("EventDetails") || !value || typeof value !== "object") continue;
    const details = { ...(value as Record<string, unknown>) };
    for (const field of ["input", "output"]) {
      const text = details[field];
      if (typeof text !== "string") continue;
      try {
        details[field] = JSON.stringify(JSON.parse(text));
      } catch {
        // not JSON text: compare as is
      }
    }
    rest[key] = details;
  }
  return rest;
};

function typeSequenceDiff(expected: unknown[], actual: unknown[]): string | undefined {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) {
      return `events[${i}].type: expected ${expected[i] ?? "(end)"}, got ${actual[i] ?? "(end)"} (${expected.length} vs ${actual.length} events)`;
    }
  }
  return undefined;
}

/** Scores a masked interpreter run against the recording of `c`. */
export function scoreCase(c: ConformanceCase, run: MaskedRun): CaseScore {
  const expected = c.expected;
  const loose = c.tags.includes("nondeterministic");
  const same = (a: unknown, b: unknown) => (loose ? jsonEqual(shapeOf(a), shapeOf(b)) : jsonEqual(a, b));
  const diffOf = (a: unknown, b: unknown, path: string) =>
    loose ? firstDifference(shapeOf(a), shapeOf(b), path) : firstDifference(a, b, path);
  const diffs: CaseScore["diffs"] = {};

  const status = run.status === expected.status;
  if (!status) {
    const detail = run.status === "FAILED" || run.error !== undefined ? ` (${run.error ?? ""}: ${JSON.stringify(run.cause ?? "")})` : "";
    diffs.status = `status: expected ${expected.status}, got ${run.status}${detail}`.slice(0, 400);
  }

  let output = status;
  let cause: boolean | null = null;
  if (expected.status === "SUCCEEDED") {
    const want = relabelMaskLabels(expected.output);
    const got = relabelMaskLabels(run.output);
    output = status && same(want, got);
    if (status && !output) diffs.output = diffOf(want, got, "$output");
  } else if (expected.status === "FAILED" || expected.status === "TIMED_OUT") {
    output = status && run.error === expected.error;
    if (status && !output) diffs.output = `error: expected ${JSON.stringify(expected.error)}, got ${JSON.stringify(run.error)}`;
    const want = relabelMaskLabels(expected.cause);
    const got = relabelMaskLabels(run.cause);
    cause = status && same(want, got);
    if (status && !cause) diffs.cause = diffOf(want, got, "$cause");
  }

  let types: boolean | null = null;
  let events: boolean | null = null;
  if (expected.events) {
    const want = sortNormalizedRuns(expected.events.map(comparable));
    const got = run.events.map(comparable);
    const typeDiff = typeSequenceDiff(
      want.map((e) => e.type),
      got.map((e) => e.type),
    );
    types = typeDiff === undefined;
    if (typeDiff) diffs.types = typeDiff;
    events = false;
    if (types) {
      const w = relabelMaskLabels(want);
      const g = relabelMaskLabels(got);
      events = same(w, g);
      if (!events) diffs.events = diffOf(w, g, "$events");
    }
  }
  return { status, output, types, events, cause, diffs };
}
