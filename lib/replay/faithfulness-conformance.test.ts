import { describe, expect, it } from "vitest";
import { loadCases, maskRun } from "../conformance";
import { relabelMaskLabels } from "../conformance/compare-json";
import { sortNormalizedRuns } from "../conformance/normalize-parallel-events";
import { CONFORMANCE_DIR } from "../../testing/corpus";
import { diffExecutions } from "./diff-executions";
import type { ReplayEvent } from "./history-threads";
import { replayExecution } from "./replay-execution";
import { conformanceSource } from "../../testing/replay/conformance-source";

const dir = CONFORMANCE_DIR;

describe("replay faithfulness on recorded AWS executions", () => {
  it("replays every service case with a history into the recorded history (type, state, payload)", async () => {
    const cases = loadCases(`${dir}/service`).filter((c) => c.expected.events);
    const diverged: string[] = [];
    let answeredMapRuns = 0;
    for (const c of cases) {
      const { source, restore } = conformanceSource(c);
      const replay = await replayExecution(source);
      expect(replay.missed, c.id).toEqual([]);
      if (replay.events.some((e) => e.type === "MapRunStarted")) answeredMapRuns++;
      // The recorder rewrote Parallel branch events (ids [0], links dropped, each slice sorted by
      // its JSON text) where the case says so: the replay is rewritten the same way, and both
      // sides' rewritten runs are sorted by one serialiser so they line up (as score-case does).
      const normalized = c.notes?.parallel_events_normalized === true;
      const masked = maskRun(replay, {
        transformers: c.notes?.snapshot_transformers,
        normalizeParallel: normalized,
        keepMapRunLabel:
          JSON.stringify(c.expected.events).includes(":mapRun:") && !JSON.stringify(c.expected.events).includes("<MapRunArnPart0_"),
        restore,
        reverseOrder: c.notes?.reverse_order === true,
      });
      const recorded = normalized ? sortNormalizedRuns(c.expected.events!.map((e) => ({ ...e }))) : c.expected.events!;
      const diff = diffExecutions(
        { status: c.expected.status, events: relabelMaskLabels(recorded) as unknown as ReplayEvent[] },
        { status: masked.status, events: relabelMaskLabels(masked.events) as unknown as ReplayEvent[] },
      );
      if (!diff.identical) diverged.push(`${c.id}: ${JSON.stringify(diff.firstDivergence).slice(0, 400)}`);
    }
    console.log(
      `replay faithfulness: ${cases.length - diverged.length}/${cases.length} recorded service executions reproduced (${answeredMapRuns} with distributed Map Runs, answered from the recording)`,
    );
    expect(diverged).toEqual([]);
    expect(cases.length).toBe(181);
  });
});
