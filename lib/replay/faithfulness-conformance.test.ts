import { describe, expect, it } from "vitest";
import { loadCases, maskRun } from "../conformance";
import type { ConformanceCase } from "../conformance/case-types";
import { relabelMaskLabels } from "../conformance/compare-json";
import { sharedConformanceDir } from "../conformance/shared-dir";
import { diffExecutions, type ExecutionDiff } from "./diff-executions";
import type { ReplayEvent } from "./history-threads";
import { replayExecution } from "./replay-execution";
import { conformanceSource } from "./testing/conformance-source";

const dir = sharedConformanceDir();
if (!dir) console.warn("skipping replay faithfulness on recorded AWS histories: ../shared/conformance is absent");

/** Cases that cannot replay faithfully, and why (checked per case, never by id). */
function whyNot(c: ConformanceCase, diff: ExecutionDiff): string | undefined {
  const definition = JSON.stringify(c.definition);
  const a = diff.firstDivergence?.a;
  const b = diff.firstDivergence?.b;
  if (definition.includes('"ItemReader"')) return "distributed Map ItemReader: the items live in S3, not in the history";
  if (definition.includes('"DISTRIBUTED"')) return "distributed Map: child executions' task results are in their own histories";
  if ((c.expected.events ?? []).some((e) => typeof e.id !== "number")) return "recorder-normalised Parallel events (ids masked): not a real history";
  if (a?.type === "ExecutionFailed" && /Scheduled$/.test(b?.type ?? "")) return "AWS rejected the call before scheduling it (service-side validation)";
  if (JSON.stringify(b?.details).includes('"RedriveCount"') && !JSON.stringify(a?.details).includes('"RedriveCount"')) {
    return "context object: the engine adds Execution.RedriveCount, the recording's AWS did not";
  }
  return undefined;
}

describe.skipIf(!dir)("replay faithfulness on recorded AWS executions", () => {
  it("replays every service case with a history into the recorded history (type, state, payload)", async () => {
    const cases = loadCases(`${dir}/service`).filter((c) => c.expected.events);
    let matched = 0;
    const explained = new Map<string, string[]>();
    const unexplained: string[] = [];
    for (const c of cases) {
      const { source, restore } = conformanceSource(c);
      const replay = await replayExecution(source);
      const masked = maskRun(replay, {
        transformers: c.notes?.snapshot_transformers,
        normalizeParallel: c.notes?.parallel_events_normalized === true,
        keepMapRunLabel: JSON.stringify(c.expected.events).includes(":mapRun:") && !JSON.stringify(c.expected.events).includes("<MapRunArnPart0_"),
        restore,
        reverseOrder: c.notes?.reverse_order === true,
      });
      const diff = diffExecutions(
        { status: c.expected.status, events: relabelMaskLabels(c.expected.events) as unknown as ReplayEvent[] },
        { status: masked.status, events: relabelMaskLabels(masked.events) as unknown as ReplayEvent[] },
      );
      if (diff.identical) {
        matched++;
        continue;
      }
      const reason = whyNot(c, diff);
      if (reason) explained.set(reason, [...(explained.get(reason) ?? []), c.id]);
      else unexplained.push(`${c.id}: ${JSON.stringify(diff.firstDivergence).slice(0, 400)}`);
    }
    const lines = [...explained].map(([reason, ids]) => `  ${ids.length} x ${reason}`);
    console.log(`replay faithfulness: ${matched}/${cases.length} recorded service executions reproduced\n${lines.join("\n")}`);
    expect(unexplained).toEqual([]);
    expect(matched).toBeGreaterThanOrEqual(155);
  });
});
