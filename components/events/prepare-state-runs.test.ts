import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detailsOf } from "../../lib/asl/history/types";
import { toEventDto, type EventDto } from "../../lib/model/execution";
import { indexDefinition } from "../../lib/asl/definition/definition-model";
import { prepareStateRuns } from "./prepare-state-runs";
import { listHistoryIds, loadConformanceCases, loadHistory } from "../../testing/recorded-histories";
import type { PreparedRuns } from "../../lib/history/state-run-types";

function fixture(name: string): { definition: Record<string, unknown>; events: EventDto[] } {
  const data = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8"));
  return { definition: data.definition, events: data.events.map(toEventDto) };
}

const byName = (p: PreparedRuns, name: string) => p.runs.filter((r) => r.stateName === name);

describe("prepareStateRuns on a hand-made Parallel with repeated names", () => {
  const { definition, events } = fixture("parallel-retried.succeeded.json");
  const prepared = prepareStateRuns(events, definition);

  it("keys the two Work states by branch path", () => {
    expect(byName(prepared, "Work").map((r) => r.statePath)).toEqual(["Fan[0]/Work", "Fan[1]/Work"]);
    expect(byName(prepared, "Wait1")[0].statePath).toBe("Fan[1]/Wait1");
    expect(byName(prepared, "Wait1")[0].frameKey).toBe(byName(prepared, "Work")[1].frameKey);
  });

  it("records both attempts of the retried branch task with the backoff between them", () => {
    const work = byName(prepared, "Work")[1];
    expect(work.status).toBe("succeeded");
    expect(work.attempts.map((a) => a.outcome)).toEqual(["failed", "succeeded"]);
    expect(work.attempts[0].error).toBe("Lambda.TooManyRequestsException");
    expect(work.attempts[1].startedAt! - work.attempts[0].endedAt!).toBe(2000);
    expect(work.parameters).toBe('{"FunctionName":"b"}');
    expect(work.resourceType).toBe("lambda");
    expect(work.output).toBe('{"b":2}');
  });

  it("links runs in order inside a frame and reads variables and the execution summary", () => {
    const done = byName(prepared, "Done")[0];
    expect(prepared.runByKey.get(done.previousRunKey!)?.stateName).toBe("Fan");
    expect(byName(prepared, "Prepare")[0].assignedVariables).toEqual({ orderId: "7" });
    expect(prepared.execution.status).toBe("SUCCEEDED");
    const fan = byName(prepared, "Fan")[0];
    expect(prepared.frames.filter((f) => f.containerRunKey === fan.key).map((f) => [f.kind, f.index, f.status])).toEqual([
      ["branch", 0, "succeeded"],
      ["branch", 1, "succeeded"],
    ]);
    expect(prepared.runKeyOfEvent.get(21)).toBe(fan.key);
  });

  it("shows the run still going when the history stops midway", () => {
    const partial = prepareStateRuns(
      events.filter((e) => e.id <= 16),
      definition,
    );
    expect(partial.execution.status).toBe("RUNNING");
    const work = byName(partial, "Work")[1];
    expect(work.status).toBe("in-progress");
    expect(work.endedAt).toBeNull();
    expect(work.attempts.at(-1)?.outcome).toBe("in-progress");
    expect(byName(partial, "Fan")[0].status).toBe("in-progress");
  });

  it("does not depend on the order events arrive in", () => {
    const shuffled = [...events].reverse();
    expect(prepareStateRuns(shuffled, definition).runs.map((r) => [r.statePath, r.status])).toEqual(
      prepared.runs.map((r) => [r.statePath, r.status]),
    );
  });
});

describe("prepareStateRuns on recorded AWS histories", () => {
  it("Task retried three times then caught", () => {
    const h = loadHistory("scenarios.test_base_scenarios.TestBaseScenarios.test_lambda_invoke_with_retry_extended_input");
    const p = prepareStateRuns(h.events, h.definition);
    const task = byName(p, "InvokeLambdaWithRetry")[0];
    expect(task.attempts).toHaveLength(4);
    expect(task.attempts.every((a) => a.outcome === "failed" && a.error === "Exception")).toBe(true);
    expect(task.status).toBe("caught");
    expect(task.error).toBe("Exception");
    expect(task.cause).toContain("Some exception was raised.");
    expect(byName(p, "HandleError")[0]).toMatchObject({ status: "succeeded", previousRunKey: task.key });
  });

  it("Parallel retried: one attempt per ParallelStateStarted, each with its branch", () => {
    const h = loadHistory("scenarios.test_base_scenarios.TestBaseScenarios.test_parallel_state_retry");
    const p = prepareStateRuns(h.events, h.definition);
    const parallel = byName(p, "ParallelState")[0];
    expect(parallel.attempts.map((a) => [a.outcome, a.error])).toEqual([
      ["failed", "FailureType"],
      ["failed", "FailureType"],
      ["failed", "FailureType"],
    ]);
    expect(parallel.status).toBe("failed");
    expect(byName(p, "Branch1").map((r) => [r.statePath, r.status, r.error])).toEqual(
      Array(3).fill(["ParallelState[0]/Branch1", "failed", "FailureType"]),
    );
    expect(new Set(byName(p, "Branch1").map((r) => r.frameKey)).size).toBe(3);
  });

  it("Map iterations: frames per iteration, the failing one marked", () => {
    const h = loadHistory("scenarios.test_base_scenarios.TestBaseScenarios.test_map_state_break_condition");
    const p = prepareStateRuns(h.events, h.definition);
    const map = byName(p, "MapState")[0];
    const iterations = p.frames.filter((f) => f.containerRunKey === map.key);
    expect(iterations.map((f) => [f.index, f.status])).toEqual([
      [0, "succeeded"],
      [1, "succeeded"],
      [2, "succeeded"],
      [3, "succeeded"],
      [4, "failed"],
    ]);
    expect(map).toMatchObject({ status: "failed", error: "SomeFailure" });
    expect(byName(p, "Break")[0]).toMatchObject({ statePath: "MapState/Break", status: "failed", error: "SomeFailure" });
    expect(byName(p, "Equals3")).toHaveLength(5);
    expect(byName(p, "Final")).toHaveLength(0);
  });

  it("every recorded history: runs match entered events and definition paths", () => {
    let checked = 0;
    for (const id of listHistoryIds()) {
      const h = loadHistory(id);
      checkInvariants(id, h.events, h.definition, p(h.events) as string);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
    function p(events: EventDto[]) {
      return events.find((e) => e.type.startsWith("Execution") && e.type !== "ExecutionStarted")?.type ?? "RUNNING";
    }
  });

  it("every conformance case with linked events", () => {
    const cases = loadConformanceCases();
    expect(cases.length).toBeGreaterThan(400);
    for (const c of cases) checkInvariants(c.id, c.events, c.definition, c.status);
  });
});

function checkInvariants(id: string, events: EventDto[], definition: Record<string, unknown>, _status: string): void {
  const p = prepareStateRuns(events, definition);
  const index = indexDefinition(definition)!;
  const entered = events.filter((e) => e.type.endsWith("StateEntered"));
  const ctx = `case ${id}`;
  expect(p.runs.length, ctx).toBe(entered.length);
  for (const run of p.runs) {
    expect(index.states.has(run.statePath), `${ctx}: ${run.statePath}`).toBe(true);
    expect(index.states.get(run.statePath)!.type, `${ctx}: ${run.statePath}`).toBe(run.stateType);
  }
  for (const e of events) {
    if (e.type.endsWith("StateExited")) expect(p.runByKey.get(p.runKeyOfEvent.get(e.id)!)?.stateName, ctx).toBe(detailsOf(e)?.name);
    if (/^(Task|LambdaFunction|Activity)(Scheduled|Started|Succeeded|Failed|TimedOut)$/.test(e.type)) {
      expect(p.runByKey.get(p.runKeyOfEvent.get(e.id)!)?.stateType, `${ctx}: event ${e.id}`).toBe("Task");
    }
  }
  const top = p.runs.filter((r) => r.frameKey === "root");
  if (p.execution.status === "SUCCEEDED") {
    expect(
      top.every((r) => r.status === "succeeded" || r.status === "caught"),
      ctx,
    ).toBe(true);
  }
  if (p.execution.status === "FAILED" && p.runs.length > 0) {
    expect(
      p.runs.some((r) => r.status === "failed"),
      ctx,
    ).toBe(true);
  }
  if (p.execution.status !== "RUNNING") {
    expect(
      p.runs.filter((r) => r.status === "in-progress").map((r) => r.statePath),
      ctx,
    ).toEqual([]);
  }
}
