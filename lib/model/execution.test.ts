import { describe, expect, it } from "vitest";
import { parseTime, payloadText, toEventDto } from "./execution";

describe("execution model helpers", () => {
  it("sends an AWS history event as its JSON: ISO timestamp, details under their key", () => {
    const dto = toEventDto({
      id: 5,
      previousEventId: 4,
      timestamp: new Date("2026-10-01T09:00:00.500Z"),
      type: "TaskFailed",
      taskFailedEventDetails: { error: "Boom", cause: "x" },
    });
    expect(dto).toEqual({
      id: 5,
      previousEventId: 4,
      timestamp: "2026-10-01T09:00:00.500Z",
      type: "TaskFailed",
      taskFailedEventDetails: { error: "Boom", cause: "x" },
    });
    expect(toEventDto({ id: 3, timestamp: "2026-10-01T09:00:00Z", type: "ParallelStateStarted" })).toEqual({
      id: 3,
      previousEventId: 0,
      timestamp: "2026-10-01T09:00:00Z",
      type: "ParallelStateStarted",
    });
  });

  it("keeps payload text and encodes anything else", () => {
    expect(payloadText('{"a":1}')).toBe('{"a":1}');
    expect(payloadText({ a: 1 })).toBe('{"a":1}');
    expect(payloadText(3)).toBe("3");
    expect(payloadText(null)).toBeNull();
    expect(payloadText(undefined)).toBeNull();
  });

  it("parses times, null for junk", () => {
    expect(parseTime("2026-10-01T09:00:00.000+00:00")).toBe(Date.parse("2026-10-01T09:00:00Z"));
    expect(parseTime("timestamp")).toBeNull();
    expect(parseTime(null)).toBeNull();
  });
});
