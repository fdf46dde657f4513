import { describe, expect, it } from "vitest";
import { normalizeParallelEvents } from "./normalize-parallel-events";

const ev = (id: number, type: string, name?: string) =>
  name ? { id, previousEventId: id - 1, type, stateEnteredEventDetails: { name } } : { id, previousEventId: id - 1, type };

describe("normalizeParallelEvents", () => {
  it("zeroes ids of branch events, sorts them, and drops ParallelStateSucceeded before Exited like the recorder", () => {
    const events = [
      ev(1, "ExecutionStarted"),
      ev(2, "ParallelStateEntered", "Par"),
      ev(3, "ParallelStateStarted"),
      ev(4, "PassStateEntered", "B2"),
      ev(5, "PassStateEntered", "B1"),
      ev(6, "ParallelStateSucceeded"),
      ev(7, "ParallelStateExited"),
      ev(8, "ExecutionSucceeded"),
    ];
    const out = normalizeParallelEvents(events);
    expect(out.map((e) => [e.type, e.id, e.previousEventId])).toEqual([
      ["ExecutionStarted", 1, 0],
      ["ParallelStateEntered", 2, 1],
      ["ParallelStateStarted", 3, 2],
      ["PassStateEntered", [0], 0],
      ["PassStateEntered", [0], 0],
      ["ParallelStateExited", 7, 6],
      ["ExecutionSucceeded", 8, 7],
    ]);
    expect(out.slice(3, 5).map((e) => (e as { stateEnteredEventDetails: { name: string } }).stateEnteredEventDetails.name)).toEqual([
      "B1",
      "B2",
    ]);
  });

  it("leaves lists without Parallel states alone", () => {
    const events = [ev(1, "ExecutionStarted"), ev(2, "PassStateEntered", "A"), ev(3, "ExecutionSucceeded")];
    expect(normalizeParallelEvents(structuredClone(events))).toEqual(events);
  });
});
