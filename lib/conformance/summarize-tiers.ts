import type { CaseResult } from "./run-conformance";

export interface TierCount {
  pass: number;
  /** Cases the tier applies to. */
  of: number;
}

export interface TierSummary {
  cases: number;
  passed: number;
  status: TierCount;
  output: TierCount;
  types: TierCount;
  events: TierCount;
  cause: TierCount;
}

function count(results: readonly CaseResult[], pick: (r: CaseResult) => boolean | null): TierCount {
  let pass = 0;
  let of = 0;
  for (const r of results) {
    const v = pick(r);
    if (v === null) continue;
    of++;
    if (v) pass++;
  }
  return { pass, of };
}

/** Tier pass counts over a set of case results (tiers that do not apply are not counted). */
export function summarizeTiers(results: readonly CaseResult[]): TierSummary {
  return {
    cases: results.length,
    passed: results.filter((r) => r.passed).length,
    status: count(results, (r) => r.score.status),
    output: count(results, (r) => r.score.output),
    types: count(results, (r) => r.score.types),
    events: count(results, (r) => r.score.events),
    cause: count(results, (r) => r.score.cause),
  };
}

/** A tier's pass rate in [0, 1]; 1 when the tier applies to no case. */
export function rate(t: TierCount): number {
  return t.of === 0 ? 1 : t.pass / t.of;
}
