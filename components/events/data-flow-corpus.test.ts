import { describe, expect, it } from "vitest";
import { dataFlowSteps } from "../../lib/asl/data-flow";
import { detailsOf } from "../../lib/asl/history/types";
import type { EventDto } from "../../lib/model/execution";
import { indexDefinition, stateAtPath } from "../../lib/asl/definition/definition-model";
import { listHistoryIds, loadHistory } from "../../testing/recorded-histories";
import { dataFlowRunOf } from "./data-flow-run";
import { prepareStateRuns } from "./prepare-state-runs";

/**
 * The data-flow steps recomputed for every state run of the recorded AWS histories: wherever the
 * steps reach a value and the history records the output, the two agree.
 */
/**
 * Runs whose output the history cannot tell: the recording masked the context object (`$$`,
 * `$states.context`: ARNs and times replaced by placeholders), random functions draw other values,
 * and some recordings hold an error's cause as a JSON object rather than its text.
 */
function unknowable(definition: Record<string, unknown>, events: readonly EventDto[]): boolean {
  const text = JSON.stringify(definition);
  if (/\$\$|\$states\.context|States\.UUID|States\.MathRandom|\$random|\$uuid/.test(text)) return true;
  return events.some((e) => {
    const cause = detailsOf(e)?.cause;
    return cause !== undefined && typeof cause !== "string";
  });
}

describe("data flow over the recorded AWS histories", () => {
  it("recomputes the recorded output of every state run it can", async () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const id of listHistoryIds()) {
      const { definition, events } = loadHistory(id);
      if (unknowable(definition, events)) continue;
      const index = indexDefinition(definition);
      const prepared = prepareStateRuns(events, index);
      const execution = {
        executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:e",
        name: "e",
        startDate: "2026-01-01T00:00:00Z",
        input: null,
        stateMachineName: "m",
      };
      for (const run of prepared.runs) {
        const state = stateAtPath(index, run.statePath)?.def ?? null;
        if (!state) continue;
        const flowRun = dataFlowRunOf(prepared, run, state, definition.QueryLanguage, execution);
        if (!flowRun) continue;
        const flow = await dataFlowSteps(flowRun);
        if (flow.matchesRecorded === undefined) continue;
        compared++;
        if (!flow.matchesRecorded) mismatches.push(`${id} ${run.statePath} (${run.stateType}, ${run.status})`);
      }
    }
    console.log(`data flow: ${compared} runs compared, ${mismatches.length} mismatches`);
    expect(compared).toBeGreaterThan(500);
    expect(mismatches.slice(0, 40)).toEqual([]);
  }, 120_000);
});
