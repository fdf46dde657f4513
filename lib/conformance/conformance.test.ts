import { describe, expect, it } from "vitest";
import floors from "./floors.json";
import { formatReport } from "./format-report";
import { runConformance } from "./run-conformance";
import { CONFORMANCE_DIR } from "../../testing/corpus";
import { rate, summarizeTiers } from "./summarize-tiers";

const dir = CONFORMANCE_DIR;

type Kind = keyof typeof floors;
const TIERS = ["status", "output", "types", "events"] as const;

/**
 * Runs the whole recorded AWS suite through the interpreter and holds it to the pass-rate
 * floors in floors.json (fractions per kind and tier; floors only rise).
 */
describe("conformance against recorded AWS executions", () => {
  it("meets the pass-rate floors per kind and tier", { timeout: 110_000 }, async () => {
    const report = await runConformance(dir);
    // The table without its closing "N passed, M failed" line: CI reads such a line as the run's verdict.
    console.log(
      formatReport(report).replace(/^(\d+) passed, (\d+) failed$/m, "conformance: $1 of the recorded cases pass tiers 1+2, $2 do not"),
    );
    expect(report.cases.length).toBeGreaterThan(800);
    const below: string[] = [];
    for (const kind of Object.keys(floors) as Kind[]) {
      const summary = summarizeTiers(report.cases.filter((c) => c.kind === kind));
      for (const tier of TIERS) {
        const achieved = rate(summary[tier]);
        const floor = floors[kind][tier];
        if (achieved + 1e-9 < floor) below.push(`${kind} ${tier}: ${(achieved * 100).toFixed(1)}% < floor ${(floor * 100).toFixed(1)}%`);
      }
    }
    expect(below).toEqual([]);
  });
});
