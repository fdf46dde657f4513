import { describe, expect, it } from "vitest";
import { runOurs, runPeer } from "../interpreter/engines";
import { historyShape, historyWorkflow } from "./history-workflow";

describe("historyWorkflow", () => {
  it("shapes loops and prelude to hit an exact event count", () => {
    for (const events of [8, 15, 100, 101, 25_000]) {
      const { loops, prelude } = historyShape(events);
      expect(6 + 2 * prelude + 9 * loops).toBe(events);
      expect(prelude).toBeGreaterThanOrEqual(0);
    }
    expect(() => historyShape(9)).toThrow(/exactly 9 events/);
  });

  it.each([100, 101, 2_001])("records exactly %i events on our engine, and both engines agree", async (events) => {
    const workflow = historyWorkflow(events, 7);
    const ours = await runOurs(workflow, true);
    const peer = await runPeer(workflow, true);
    expect(ours.status).toBe("SUCCEEDED");
    expect(ours.events).toBe(events);
    expect(ours.transitions).toBe(workflow.transitions);
    expect(peer.transitions).toBe(workflow.transitions);
    expect(JSON.parse(JSON.stringify(peer.output))).toEqual(JSON.parse(JSON.stringify(ours.output)));
  });
});
