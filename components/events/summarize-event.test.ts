import { describe, expect, it } from "vitest";
import { eventDetailsKey } from "../../lib/asl/history/types";
import { toEventDto, type EventDto } from "../../lib/model/execution";
import { summarizeEvent } from "./summarize-event";

const ev = (type: string, details: Record<string, unknown> | null): EventDto =>
  toEventDto({ id: 1, previousEventId: 0, timestamp: "", type, [eventDetailsKey(type)]: details });

describe("summarizeEvent", () => {
  it("prefers errors, then resources, iterations and payloads", () => {
    expect(summarizeEvent(ev("TaskFailed", { error: "Boom", cause: "it broke", resource: "invoke" }))).toBe("Boom: it broke");
    expect(summarizeEvent(ev("TaskScheduled", { resource: "invoke", resourceType: "lambda", parameters: "{}" }))).toBe("lambda:invoke");
    expect(summarizeEvent(ev("MapIterationStarted", { index: 3, name: "M" }))).toBe("iteration 3");
    expect(summarizeEvent(ev("MapStateStarted", { length: 1 }))).toBe("1 item");
    expect(summarizeEvent(ev("PassStateExited", { name: "P", output: '{"a":1}' }))).toBe('{"a":1}');
    expect(summarizeEvent(ev("ParallelStateStarted", null))).toBe("");
  });
  it("stringifies object causes and shortens long text", () => {
    expect(summarizeEvent(ev("LambdaFunctionFailed", { error: "E", cause: { errorMessage: "x" } }))).toBe('E: {"errorMessage":"x"}');
    expect(summarizeEvent(ev("PassStateEntered", { input: "x".repeat(300) })).length).toBe(120);
  });
});
