import { describe, expect, it } from "vitest";
import { runExecution, startExecution } from "../asl";
import type { ConformanceCase } from "./case-types";
import { contextFor, eventsBeforeStop, runCase } from "./run-case";

const event = (id: number, previousEventId: number, type: string) => ({ id, previousEventId, type, timestamp: "timestamp" });

function stopCase(): ConformanceCase {
  return {
    id: "stop",
    feature: "wait",
    tags: [],
    pure: true,
    services: [],
    file: "pure/stop.json",
    definition: { StartAt: "W", States: { W: { Type: "Wait", Seconds: 60, Next: "P" }, P: { Type: "Pass", End: true } } },
    input: {},
    expected: {
      status: "ABORTED",
      events: [event(1, 0, "ExecutionStarted"), event(2, 0, "WaitStateEntered"), event(3, 0, "ExecutionAborted")],
    },
  };
}

describe("runCase", () => {
  it("stops an execution whose recording ends in ExecutionAborted once the history caught up", async () => {
    const c = stopCase();
    expect(eventsBeforeStop(c)).toBe(2);
    const run = await runCase(c, runExecution, { startExecution });
    expect(run.raw.status).toBe("ABORTED");
    expect(run.raw.events.map((e) => (e as { type: string }).type)).toEqual(["ExecutionStarted", "WaitStateEntered", "ExecutionAborted"]);
  });

  it("runs such a case to its end when no startExecution is given", async () => {
    const run = await runCase(stopCase(), runExecution);
    expect(run.raw.status).toBe("SUCCEEDED");
  });
});

describe("contextFor", () => {
  const base = { ...stopCase(), expected: { status: "SUCCEEDED" as const, events: null } };

  it("leaves RedriveCount out of the context object for recordings made before AWS had redrive", () => {
    expect(contextFor({ ...base, last_validated_date: "2023-10-24T15:18:16+00:00" }).redriveCount).toBeNull();
    expect(contextFor({ ...base, last_validated_date: "2024-07-15T13:00:19+00:00" }).redriveCount).toBeUndefined();
    expect(contextFor(base).redriveCount).toBeUndefined();
  });
});
