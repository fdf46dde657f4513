import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toEventDto } from "../../lib/model/execution";
import { describeRun } from "./describe-run";
import { prepareStateRuns } from "./prepare-state-runs";
import { loadHistory } from "../../testing/recorded-histories";

describe("describeRun", () => {
  it("names the branch a run sits in", () => {
    const data = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/parallel-retried.succeeded.json"), "utf8"));
    const p = prepareStateRuns(data.events.map(toEventDto), data.definition);
    expect(p.runs.map((r) => describeRun(r, p))).toEqual([
      "Top level",
      "Top level",
      "Fan branch 1",
      "Fan branch 2",
      "Fan branch 2",
      "Top level",
    ]);
  });

  it("names iterations and Parallel attempts", () => {
    const map = loadHistory("scenarios.test_base_scenarios.TestBaseScenarios.test_map_state_break_condition");
    const pm = prepareStateRuns(map.events, map.definition);
    expect(
      describeRun(
        pm.runs.find((r) => r.stateName === "Break")!,
        pm,
      ),
    ).toBe("MapState iteration 4");
    const par = loadHistory("scenarios.test_base_scenarios.TestBaseScenarios.test_parallel_state_retry");
    const pp = prepareStateRuns(par.events, par.definition);
    expect(pp.runs.filter((r) => r.stateName === "Branch1").map((r) => describeRun(r, pp))).toEqual([
      "ParallelState branch 1 (attempt 1)",
      "ParallelState branch 1 (attempt 2)",
      "ParallelState branch 1 (attempt 3)",
    ]);
  });
});
