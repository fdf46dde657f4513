import { describe, expect, it } from "vitest";
import type { ExecutionDiff } from "@/lib/replay/diff-executions";
import { prepareCompare } from "./prepare-compare";

const diff: ExecutionDiff = {
  identical: false,
  status: { a: "FAILED", b: "SUCCEEDED", changed: true },
  events: { a: 20, b: 24 },
  durationMs: { a: 16_000, b: 2_000 },
  firstDivergence: {
    index: 8,
    reason: "payload",
    a: { id: 9, type: "TaskStateEntered", stateName: "Pay", details: { input: '{"id":1}' } },
    b: { id: 9, type: "TaskStateEntered", stateName: "Pay", details: { input: '{"id":2}' } },
  },
  changedStates: [
    {
      key: "|Pay#1",
      stateName: "Pay",
      a: { exited: false, error: "Timeout" },
      b: { exited: true, output: { ok: true } },
      changes: [{ path: "$", kind: "added", after: { ok: true } }],
    },
    {
      key: "/Fan@1[2]|Work#2",
      stateName: "Work",
      a: { exited: true, output: 1 },
      b: { exited: true, output: 2 },
      changes: [{ path: "$", kind: "changed", before: 1, after: 2 }],
    },
    { key: "/Both@1/b1|Right#1", stateName: "Right", a: { exited: true, output: null }, b: { exited: true, output: "x" }, changes: [] },
  ],
  onlyInA: [],
  onlyInB: ["Ship"],
  timing: [
    { stateName: "Pay", aMs: 15_000, bMs: 900, deltaMs: -14_100 },
    { stateName: "Check", aMs: 180, bMs: 180, deltaMs: 0 },
    { stateName: "Slow", aMs: 10, bMs: 30, deltaMs: 20 },
  ],
};

describe("prepareCompare", () => {
  it("turns a diff into the compare view's rows", () => {
    const model = prepareCompare(diff, 2);
    expect(model.divergence).toEqual({
      position: 9,
      reason: "the same event with other data",
      a: "TaskStateEntered · Pay",
      b: "TaskStateEntered · Pay",
      aDetails: '{"input":{"id":1}}',
      bDetails: '{"input":{"id":2}}',
    });
    expect(model.states.map((s) => [s.stateName, s.where, s.before, s.after, s.errorChange])).toEqual([
      ["Pay", "", null, '{"ok":true}', "Timeout → no error"],
      ["Work", "Fan iteration 2, entry 2", "1", "2", null],
      ["Right", "Both branch 2", "null", '"x"', null],
    ]);
    expect(model.timing).toEqual([
      { stateName: "Pay", aMs: 15_000, bMs: 900, deltaMs: -14_100, tone: "ok" },
      { stateName: "Check", aMs: 180, bMs: 180, deltaMs: 0, tone: "muted" },
    ]);
    expect(model).toMatchObject({ identical: false, statusChanged: true, onlyInB: ["Ship"] });
  });
});
