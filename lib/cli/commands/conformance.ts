import type { Command } from "commander";
import { existsSync } from "node:fs";
import { CONFORMANCE_DIR } from "../../conformance/corpus";
import { formatReport, runConformance } from "../../conformance";

export function registerConformance(program: Command): void {
  program
    .command("conformance")
    .description("run recorded AWS executions (test-data/conformance layout) on the local engine and score them tier by tier")
    .argument("[dir]", "folder of conformance cases (searched recursively)", CONFORMANCE_DIR)
    .option("--results <file>", "write one JSON line per case: id, status, output, error, cause, events")
    .option("--filter <text>", "only cases whose id contains this text")
    .option("--fail-under <rate>", "exit non-zero when fewer than this share of cases pass tiers 1+2 (0..1)")
    .action(async (dir: string, options: { results?: string; filter?: string; failUnder?: string }) => {
      if (!existsSync(dir)) throw new Error(`${dir}: no such folder`);
      const report = await runConformance(dir, { results: options.results, filter: options.filter });
      console.log(formatReport(report));
      const passed = report.cases.filter((c) => c.passed).length;
      if (options.failUnder !== undefined) {
        const floor = Number(options.failUnder);
        if (!(floor >= 0 && floor <= 1)) throw new Error(`--fail-under must be a number from 0 to 1, got "${options.failUnder}"`);
        if (report.cases.length && passed / report.cases.length < floor) process.exitCode = 1;
      }
    });
}
