import { describe, expect, it } from "vitest";
import { checkIngested, checkReplayWrites } from "./check-writes";

describe("checkReplayWrites", () => {
  it("passes when every accepted replay is stored once under its original", () => {
    const check = checkReplayWrites(
      [
        { originalId: "o1", replayId: "r1" },
        { originalId: "o1", replayId: "r2" },
        { originalId: "o2", replayId: "r3" },
      ],
      [
        { id: "r1", replayOfId: "o1" },
        { id: "r2", replayOfId: "o1" },
        { id: "r3", replayOfId: "o2" },
      ],
    );
    expect(check).toEqual({ lost: [], duplicated: [], unexpected: [] });
  });

  it("finds a write that landed on another one's row, a lost one and a stray one", () => {
    const check = checkReplayWrites(
      [
        { originalId: "o1", replayId: "r1" },
        { originalId: "o1", replayId: "r1" },
        { originalId: "o2", replayId: "r9" },
        { originalId: "o1", replayId: "r4" },
      ],
      [
        { id: "r1", replayOfId: "o1" },
        { id: "r4", replayOfId: "o2" },
        { id: "r7", replayOfId: "o1" },
      ],
    );
    expect(check).toEqual({ lost: ["r9", "r4"], duplicated: ["r1"], unexpected: ["r4", "r7"] });
  });
});

describe("checkIngested", () => {
  const expected = new Map([
    ["a", { status: "SUCCEEDED", events: 10 }],
    ["b", { status: "FAILED", events: 7 }],
    ["c", { status: "SUCCEEDED", events: 4 }],
  ]);

  it("passes when the store holds exactly what the source holds", () => {
    const stored = [...expected].map(([executionArn, e]) => ({ executionArn, status: e.status, eventCount: e.events, events: e.events }));
    expect(checkIngested(expected, stored)).toEqual({ missing: [], wrong: [], extra: [] });
  });

  it("names missing, stale, half-stored and extra executions", () => {
    const check = checkIngested(expected, [
      { executionArn: "a", status: "RUNNING", eventCount: 6, events: 6 },
      { executionArn: "b", status: "FAILED", eventCount: 7, events: 3 },
      { executionArn: "z", status: "SUCCEEDED", eventCount: 1, events: 1 },
    ]);
    expect(check).toEqual({ missing: ["c"], wrong: ["a", "b"], extra: ["z"] });
  });
});
