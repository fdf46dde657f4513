import { describe, expect, it } from "vitest";
import { loadCases } from "./load-cases";
import { maskRun } from "./mask-run";
import { scoreCase } from "./score-case";
import { CONFORMANCE_DIR } from "../../testing/corpus";

const dir = CONFORMANCE_DIR;

const PAYLOAD_KEYS = ["input", "output", "parameters", "cause", "result"];
const asText = (v: unknown) => (v !== null && typeof v === "object" ? JSON.stringify(v) : v);

/** Turns a recorded (parsed) event back into the engine's form: payload fields as JSON text. */
function asEmitted(event: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith("EventDetails") || !value || typeof value !== "object") continue;
    const details: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const k of PAYLOAD_KEYS) if (k in details) details[k] = asText(details[k]);
    const vars = details.assignedVariables;
    if (vars && typeof vars === "object") {
      details.assignedVariables = Object.fromEntries(Object.entries(vars).map(([n, v]) => [n, asText(v)]));
    }
    out[key] = details;
  }
  return out;
}

/**
 * Harness self-check on the real recordings: feeding a recording back in as if the
 * interpreter had produced it must score on every tier, i.e. masking and scoring leave
 * already-masked AWS data alone (no date, region, UUID or ARN rule mangles it).
 */
describe("masking the recordings themselves", () => {
  it("scores every recorded case as a perfect match of itself", () => {
    const cases = loadCases(dir);
    expect(cases.length).toBeGreaterThan(800);
    const failures: string[] = [];
    for (const c of cases) {
      const e = c.expected;
      const masked = maskRun(
        {
          status: e.status,
          output: e.output,
          error: e.error,
          cause: asText(e.cause) as string | undefined,
          events: (e.events ?? []).map(asEmitted),
        },
        {
          transformers: c.notes?.snapshot_transformers,
          normalizeParallel: c.notes?.parallel_events_normalized === true,
          keepMapRunLabel: JSON.stringify(e.events ?? []).includes(":mapRun:") && !JSON.stringify(e.events).includes("<MapRunArnPart0_"),
        },
      );
      if (!e.events) masked.events = [];
      const s = scoreCase(c, masked);
      const ok = s.status && s.output && s.cause !== false && s.types !== false && s.events !== false;
      if (!ok) failures.push(`${c.id}: ${JSON.stringify(s.diffs)}`);
    }
    expect(failures).toEqual([]);
  });
});
