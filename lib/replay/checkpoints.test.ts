import { describe, expect, it } from "vitest";
import { checkpoints, defaultCheckpoint, findCheckpoint } from "./checkpoints";
import { fnInvoker, NESTED, record } from "../../testing/replay/record";

describe("checkpoints", () => {
  it("lists every top-level entry with its input, visit and the variables in scope", async () => {
    const recording = await record(
      NESTED,
      { n: 0, items: [{ k: "a" }] },
      fnInvoker((r) => (r.stateName === "Prepare" ? { value: 7 } : "ok")),
    );
    const list = checkpoints(recording.events, NESTED).filter((c) => c.path.length === 0);
    expect(list.map((c) => `${c.stateName}#${c.visit}`)).toEqual([
      "Prepare#1",
      "Fan#1",
      "Both#1",
      "Count#1",
      "Again#1",
      "Fan#2",
      "Both#2",
      "Count#2",
      "Again#2",
      "Done#1",
    ]);
    expect(list[0]).toMatchObject({
      eventId: 2,
      stateType: "Task",
      input: { n: 0, items: [{ k: "a" }] },
      variables: {},
      timestamp: "2026-03-01T10:00:00.000Z",
    });
    expect(list[1].variables).toEqual({ stage: "prepared", firstValue: 7 });
    expect(list[1].input).toMatchObject({ prepared: { value: 7 } });
  });

  it("finds a checkpoint by event id or by state name (its last entry) and explains a miss", async () => {
    const recording = await record(
      NESTED,
      { n: 0, items: [] },
      fnInvoker(() => ({ value: 1 })),
    );
    const list = checkpoints(recording.events, NESTED);
    const fans = list.filter((c) => c.stateName === "Fan");
    expect(findCheckpoint(list, "Fan")).toBe(fans[1]);
    expect(findCheckpoint(list, String(fans[0].eventId))).toBe(fans[0]);
    expect(findCheckpoint(list, fans[0].eventId)).toBe(fans[0]);
    expect(() => findCheckpoint(list, "Work")).toThrow(/no state entry matches "Work".*Checkpoints: 2 Prepare/);
    expect(() => findCheckpoint(list, 3)).toThrow(/event 3 is not a state's entry or a retried attempt/);
  });

  it("defaults to the entry of the state the execution failed in", async () => {
    const definition = {
      StartAt: "A",
      States: {
        A: { Type: "Pass", Next: "B" },
        B: { Type: "Task", Resource: "arn:aws:lambda:eu-west-1:1:function:b", Next: "C" },
        C: { Type: "Pass", End: true },
      },
    };
    const recording = await record(
      definition,
      {},
      fnInvoker(() => {
        throw ["Boom", ""];
      }),
    );
    const list = checkpoints(recording.events, definition);
    expect(defaultCheckpoint(list, recording.events)?.stateName).toBe("B");
    const ok = await record(
      definition,
      {},
      fnInvoker(() => 1),
    );
    expect(defaultCheckpoint(checkpoints(ok.events, definition), ok.events)?.stateName).toBe("C");
  });
});
