import { describe, expect, it } from "vitest";
import { runExecution, type TaskRequest } from "../index";

const start = new Date("2026-03-01T10:00:00.000Z");
const at = (ms: number) => new Date(start.getTime() + ms);
const fn = "arn:aws:lambda:eu-west-1:1:function:t";

describe("startFrom.resume", () => {
  it("continues a Task at its next attempt with the retriers' counters rebuilt from the failed attempts", async () => {
    const definition = {
      StartAt: "T",
      States: {
        T: {
          Type: "Task",
          Resource: fn,
          Parameters: { "n.$": "$.n", "retry.$": "$$.State.RetryCount" },
          Retry: [
            { ErrorEquals: ["Other"], IntervalSeconds: 1, MaxAttempts: 9 },
            { ErrorEquals: ["Busy"], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 },
          ],
          End: true,
        },
      },
    };
    const calls: TaskRequest[] = [];
    const result = await runExecution({
      definition,
      input: {},
      context: { startTime: start },
      taskInvoker: {
        invoke: (r) => {
          calls.push(r);
          return { error: "Busy", durationMs: 100 };
        },
      },
      startFrom: {
        stateName: "T",
        input: { n: 1 },
        resume: {
          eventId: 9,
          state: {
            how: "attempt",
            enteredAt: at(0),
            enteredLink: 1,
            enteredEventId: 2,
            source: 8,
            at: at(8000),
            failedAttempts: ["Busy", "Busy"],
          },
        },
      },
    });
    // Attempt 3 now, attempt 4 after 2 x 3^2 = 18 s, then the Busy retrier (3 retries) is spent.
    expect(calls.map((c) => [c.attempt, (c.parameters as { retry: number }).retry, c.now.getTime() - start.getTime()])).toEqual([
      [2, 2, 8000],
      [3, 3, 8000 + 100 + 18_000],
    ]);
    expect(result.status).toBe("FAILED");
    // No ExecutionStarted, no new entry: the first new event is the attempt's, numbered 9, linked to 8.
    expect(result.events[0]).toMatchObject({ id: 9, previousEventId: 8, type: "LambdaFunctionScheduled" });
    expect(result.events.at(-1)).toMatchObject({ type: "ExecutionFailed" });
    expect(result.startDate).toEqual(start);
  });

  it("resumes inside a Map: finished iterations keep their outputs, running ones go on, the rest start", async () => {
    const definition = {
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          MaxConcurrency: 2,
          ItemProcessor: { StartAt: "T", States: { T: { Type: "Task", Resource: fn, End: true } } },
          End: true,
        },
      },
    };
    const asked: unknown[] = [];
    const result = await runExecution({
      definition,
      input: {},
      context: { startTime: start },
      taskInvoker: {
        invoke: (r) => {
          asked.push(r.parameters);
          return { output: { done: r.parameters }, durationMs: 100 };
        },
      },
      startFrom: {
        stateName: "M",
        input: [{ i: 0 }, { i: 1 }, { i: 2 }, { i: 3 }],
        resume: {
          eventId: 20,
          state: {
            how: "inside",
            enteredAt: at(0),
            enteredLink: 1,
            enteredEventId: 2,
            source: 3,
            at: at(500),
            iterations: [
              { index: 0, done: { output: "recorded-0" } },
              {
                index: 1,
                running: { stateName: "T", input: { i: 1, edited: true }, state: { how: "enter", enteredAt: at(500), enteredLink: 12 } },
              },
            ],
          },
        },
      },
    });
    expect(result.status).toBe("SUCCEEDED");
    // Iteration 0 is not run again; 1 enters T as event 20; 2 and 3 start as usual.
    expect(asked).toEqual([{ i: 1, edited: true }, { i: 2 }, { i: 3 }]);
    expect(result.output).toEqual(["recorded-0", { done: { i: 1, edited: true } }, { done: { i: 2 } }, { done: { i: 3 } }]);
    expect(result.events[0]).toMatchObject({ id: 20, previousEventId: 12, type: "TaskStateEntered" });
    expect(result.events.find((e) => e.type === "MapIterationStarted")).toMatchObject({ mapIterationStartedEventDetails: { index: 2 } });
    expect(result.events.filter((e) => e.type === "MapStateStarted")).toEqual([]);
  });

  it("re-runs a state silently with its recorded ids, and new events link to them", async () => {
    const definition = { StartAt: "W", States: { W: { Type: "Wait", Seconds: 10, Next: "P" }, P: { Type: "Pass", End: true } } };
    const result = await runExecution({
      definition,
      input: {},
      context: { startTime: start },
      startFrom: {
        stateName: "W",
        input: { a: 1 },
        resume: { eventId: 7, state: { how: "rerun", enteredAt: at(0), enteredLink: 4, events: [{ id: 5, type: "WaitStateEntered" }] } },
      },
    });
    expect(result.events.map((e) => [e.id, e.previousEventId, e.type, e.timestamp.getTime() - start.getTime()])).toEqual([
      [7, 5, "WaitStateExited", 10_000],
      [8, 7, "PassStateEntered", 10_000],
      [9, 8, "PassStateExited", 10_000],
      [10, 9, "ExecutionSucceeded", 10_000],
    ]);
  });

  it("a resumed Map that fails and is retried runs its retry afresh (MapStateStarted, every iteration)", async () => {
    let calls = 0;
    const asked: unknown[] = [];
    const result = await runExecution({
      definition: {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            Retry: [{ ErrorEquals: ["Boom"], MaxAttempts: 1, IntervalSeconds: 1 }],
            ItemProcessor: { StartAt: "T", States: { T: { Type: "Task", Resource: fn, End: true } } },
            End: true,
          },
        },
      },
      input: {},
      context: { startTime: start },
      taskInvoker: {
        invoke: (r) => {
          asked.push(r.parameters);
          calls++;
          return calls === 1 ? { error: "Boom", cause: "first attempt" } : { output: { done: r.parameters }, durationMs: 100 };
        },
      },
      startFrom: {
        stateName: "M",
        input: [{ i: 0 }, { i: 1 }],
        resume: {
          eventId: 20,
          state: {
            how: "inside",
            enteredAt: at(0),
            enteredLink: 1,
            enteredEventId: 2,
            source: 3,
            at: at(500),
            iterations: [
              { index: 0, done: { output: "recorded-0" } },
              { index: 1, running: { stateName: "T", input: { i: 1 }, state: { how: "enter", enteredAt: at(500), enteredLink: 12 } } },
            ],
          },
        },
      },
    } as Parameters<typeof runExecution>[0]);
    expect(result.status).toBe("SUCCEEDED");
    // The retry does not reuse the resumed attempt's recorded iteration 0: both items run again.
    expect(result.output).toEqual([{ done: { i: 0 } }, { done: { i: 1 } }]);
    expect(asked).toEqual([{ i: 1 }, { i: 0 }, { i: 1 }]);
    const types = result.events.map((e) => e.type);
    expect(types.filter((t) => t === "MapStateStarted")).toHaveLength(1);
    expect(types.filter((t) => t === "MapIterationStarted")).toHaveLength(2);
  });
});
