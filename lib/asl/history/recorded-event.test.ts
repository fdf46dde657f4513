import { describe, expect, it } from "vitest";
import { FACTORY_KEYS, recordedEvent } from "./recorded-event";
import { HISTORY_EVENT_TYPES } from "./types";

const at = new Date("2026-01-01T00:00:00.000Z");

describe("recordedEvent", () => {
  it("builds the same plain object for every details key, fields in AWS's order", () => {
    for (const key of [...FACTORY_KEYS, "someFutureEventDetails"]) {
      const details = { name: "S" };
      const event = recordedEvent(at, "X", 7, 6, key, details);
      expect(Object.keys(event)).toEqual(["timestamp", "type", "id", "previousEventId", key]);
      expect(event).toStrictEqual({ timestamp: at, type: "X", id: 7, previousEventId: 6, [key]: details });
      expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
      expect((event as unknown as Record<string, unknown>)[key]).toBe(details);
    }
  });

  it("has no details key without one, and empty details when none are given", () => {
    expect(recordedEvent(at, "TaskStarted", 3, 2, undefined, undefined)).toStrictEqual({
      timestamp: at,
      type: "TaskStarted",
      id: 3,
      previousEventId: 2,
    });
    expect(recordedEvent(at, "MapStateStarted", 3, 2, "mapStateStartedEventDetails", undefined)).toStrictEqual({
      timestamp: at,
      type: "MapStateStarted",
      id: 3,
      previousEventId: 2,
      mapStateStartedEventDetails: {},
    });
  });

  it("has a factory for the details key of every non-state event type AWS documents", () => {
    // State events share stateEntered/stateExitedEventDetails; these types carry no details at all.
    const withoutOwnDetails =
      /State(Entered|Exited|Aborted|Failed|Succeeded)$|^MapRun(Aborted|Succeeded)$|^(ParallelStateStarted|LambdaFunctionStarted)$/;
    const expected = HISTORY_EVENT_TYPES.filter((t) => !withoutOwnDetails.test(t)).map(
      (t) => `${t.charAt(0).toLowerCase()}${t.slice(1)}EventDetails`,
    );
    expect(expected.filter((key) => !FACTORY_KEYS.includes(key))).toEqual([]);
    expect(FACTORY_KEYS).toContain("stateEnteredEventDetails");
    expect(FACTORY_KEYS).toContain("stateExitedEventDetails");
  });
});
