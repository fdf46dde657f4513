import { describe, expect, it } from "vitest";
import { HISTORY_EVENT_TYPES } from "./types";
import {
  becomesSource,
  closesExecution,
  containerEnd,
  endsTaskCall,
  eventRole,
  isContainerStart,
  isMapIterationEnd,
  isMapRunEnd,
  isTaskFailure,
  taskEventType,
} from "./event-roles";

describe("event type classification", () => {
  it("splits task call events into kind and phase, and nothing else", () => {
    expect(taskEventType("LambdaFunctionStartFailed")).toEqual({ kind: "LambdaFunction", phase: "StartFailed" });
    expect(taskEventType("ActivityScheduleFailed")).toEqual({ kind: "Activity", phase: "ScheduleFailed" });
    expect(taskEventType("TaskSubmitted")).toEqual({ kind: "Task", phase: "Submitted" });
    expect(taskEventType("TaskStateEntered")).toBeUndefined();
    expect(taskEventType("TaskStateAborted")).toBeUndefined();
    expect(taskEventType("ExecutionFailed")).toBeUndefined();
  });

  it("agrees with eventRole on every documented type", () => {
    for (const type of HISTORY_EVENT_TYPES) {
      const role = eventRole(type);
      const task = taskEventType(type);
      expect(task !== undefined, type).toBe(role.startsWith("attempt-") || role === "task-progress");
      expect(isTaskFailure(type), type).toBe(role === "attempt-failed" || role === "attempt-timed-out");
      if (task)
        expect(endsTaskCall(task.phase), type).toBe(role !== "attempt-scheduled" && role !== "attempt-running" && role !== "task-progress");
      expect(isContainerStart(type), type).toBe(role === "container-started");
      const end = containerEnd(type);
      expect(end !== undefined, type).toBe(/^(Map|Parallel)State(Succeeded|Exited|Failed|Aborted)$/.test(type));
      if (end) expect(`${end.container}State${end.phase}`).toBe(type);
      expect(isMapIterationEnd(type), type).toBe(role === "iteration-ended");
      expect(isMapRunEnd(type), type).toBe(role === "map-run" && type !== "MapRunStarted" && type !== "MapRunRedriven");
      expect(closesExecution(type), type).toBe(role === "execution" && type !== "ExecutionStarted" && type !== "ExecutionRedriven");
    }
  });

  it("names the events that never become their thread's source, as the engine links them", () => {
    const never = HISTORY_EVENT_TYPES.filter((type) => !becomesSource(type));
    expect(never.sort()).toEqual(
      [
        "ExecutionStarted",
        "MapIterationAborted",
        "MapIterationFailed",
        "MapIterationStarted",
        "MapIterationSucceeded",
        "MapStateAborted",
        "MapStateSucceeded",
        "ParallelStateAborted",
        "ParallelStateSucceeded",
        "TaskStateAborted",
        "WaitStateAborted",
      ].sort(),
    );
  });
});
