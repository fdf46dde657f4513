import { describe, expect, it } from "vitest";
import { compareLabels } from "./compare-labels";

const side = (id: string, name: string, stateMachine = "Orders", replayOfId: string | null = null) => ({
  id,
  name,
  stateMachine,
  replayOfId,
});

describe("compareLabels", () => {
  it("says Original and Replay only for a replay and what it replayed, either way round", () => {
    expect(compareLabels(side("1", "run-1"), side("2", "run-1-replay", "Orders", "1"))).toEqual({
      a: "Original",
      b: "Replay",
      warning: null,
    });
    expect(compareLabels(side("2", "run-1-replay", "Orders", "1"), side("1", "run-1"))).toMatchObject({ a: "Replay", b: "Original" });
  });

  it("names any other two executions by name, A and B when the names are the same", () => {
    expect(compareLabels(side("1", "run-1"), side("2", "run-2"))).toMatchObject({ a: "run-1", b: "run-2" });
    expect(compareLabels(side("1", "same"), side("2", "same", "Billing"))).toMatchObject({ a: "A: same", b: "B: same" });
  });

  it("warns when the two ran different state machines", () => {
    expect(compareLabels(side("1", "a"), side("2", "b", "Billing")).warning).toMatch(/^Different state machines: Orders and Billing/);
  });
});
