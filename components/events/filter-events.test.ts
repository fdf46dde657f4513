import { describe, expect, it } from "vitest";
import { eventDetailsKey } from "../../lib/asl/history/types";
import { toEventDto, type EventDto } from "../../lib/model/execution";
import { filterEvents } from "./filter-events";

const ev = (id: number, type: string, details: Record<string, unknown> | null = null): EventDto =>
  toEventDto({ id, previousEventId: id - 1, timestamp: "2026-10-01T09:00:00Z", type, [eventDetailsKey(type)]: details });
const events = [
  ev(1, "ExecutionStarted", { input: "{}" }),
  ev(2, "TaskStateEntered", { name: "Charge", input: '{"card":"visa"}' }),
  ev(3, "TaskFailed", { error: "Card.Declined" }),
  ev(4, "PassStateEntered", { name: "Notify" }),
];
const states: Record<number, string> = { 2: "Charge", 3: "Charge", 4: "Notify" };
const stateOf = (id: number) => states[id] ?? null;

describe("filterEvents", () => {
  it("keeps everything without a filter", () => {
    expect(filterEvents(events, {}, stateOf)).toBe(events);
  });
  it("filters by type, state and text together", () => {
    expect(filterEvents(events, { types: new Set(["TaskFailed", "PassStateEntered"]) }, stateOf).map((e) => e.id)).toEqual([3, 4]);
    expect(filterEvents(events, { stateName: "Charge" }, stateOf).map((e) => e.id)).toEqual([2, 3]);
    expect(filterEvents(events, { text: "declined" }, stateOf).map((e) => e.id)).toEqual([3]);
    expect(filterEvents(events, { text: "VISA", stateName: "Charge" }, stateOf).map((e) => e.id)).toEqual([2]);
    expect(filterEvents(events, { stateName: "Charge", types: new Set(["PassStateEntered"]) }, stateOf)).toEqual([]);
  });
});
