import { describe, expect, it } from "vitest";
import { ExecutionTermination } from "../evaluate/termination";
import { EventContext, EventManager } from "./event-manager";

const clock = { now: () => Date.UTC(2024, 0, 1) };

describe("EventManager", () => {
  it("numbers events from 1 and links each to its thread's source event", () => {
    const events = new EventManager(clock);
    const ctx = new EventContext();
    events.add(ctx, "ExecutionStarted", "executionStartedEventDetails", { input: "{}" }, false);
    events.add(ctx, "PassStateEntered", "stateEnteredEventDetails", { name: "A" });
    events.add(ctx, "PassStateExited", "stateExitedEventDetails", { name: "A" });
    expect(events.events.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
      [1, 0, "ExecutionStarted"],
      [2, 0, "PassStateEntered"],
      [3, 2, "PassStateExited"],
    ]);
    expect(events.events[1].timestamp.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(events.events[1].stateEnteredEventDetails).toEqual({ name: "A" });
  });

  it("forks child threads at the parent's position and joins them at the later one", () => {
    const events = new EventManager(clock);
    const parent = new EventContext();
    events.add(parent, "MapStateStarted");
    const a = parent.fork();
    const b = parent.fork();
    events.add(a, "MapIterationStarted");
    events.add(b, "MapIterationStarted");
    events.add(a, "PassStateEntered");
    events.add(a, "MapIterationSucceeded", undefined, undefined, false);
    parent.join(a);
    parent.join(b);
    expect(events.events.map((e) => `${e.id}<-${e.previousEventId}`)).toEqual(["1<-0", "2<-1", "3<-1", "4<-2", "5<-4"]);
    expect(parent.source).toBe(4);
    expect(parent.last).toBe(5);
  });

  it("can link an event to an explicit earlier event", () => {
    const events = new EventManager(clock);
    const ctx = new EventContext();
    events.add(ctx, "A");
    events.add(ctx, "B");
    events.addLinked(ctx, 0, "ExecutionAborted");
    expect(events.events[2].previousEventId).toBe(0);
    expect(ctx.source).toBe(3);
  });

  it("fails the execution at the history limit but keeps a slot for the terminal event", () => {
    const events = new EventManager(clock, 3);
    const ctx = new EventContext();
    events.add(ctx, "A");
    events.add(ctx, "B");
    expect(() => events.add(ctx, "C")).toThrow(ExecutionTermination);
    events.add(ctx, "ExecutionFailed");
    expect(events.events.map((e) => e.type)).toEqual(["A", "B", "ExecutionFailed"]);
  });

  it("numbers but does not keep events when not recording", () => {
    const events = new EventManager(clock, 10, false);
    const ctx = new EventContext();
    events.add(ctx, "A");
    events.add(ctx, "B");
    expect(events.events).toEqual([]);
    expect(events.count).toBe(2);
    expect(ctx.source).toBe(2);
  });
});
