import { describe, expect, it } from "vitest";
import { startExecution, type TaskInvoker } from "../asl";
import { groupStateRuns } from "./group-state-runs";
import { waitingOn } from "./waiting-on";

const START = new Date("2026-12-01T10:00:00.000Z");

/** Runs until every thread blocks (callbacks never answered), then reads what it waits on. */
async function openWaits(definition: Record<string, unknown>, input: unknown, invoker: TaskInvoker) {
  const handle = startExecution({ definition, input, taskInvoker: invoker, context: { startTime: START } });
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
  const events = handle.events().map((e) => ({ ...e, timestamp: e.timestamp.toISOString() }));
  handle.stop();
  await handle.result;
  return waitingOn(groupStateRuns(events, definition), events, definition);
}

const pending: TaskInvoker = { invoke: () => ({ pending: true }) };

describe("waitingOn", () => {
  it("names the task token of a callback, its timeout deadline and its heartbeat due time", async () => {
    const definition = {
      StartAt: "Approve",
      States: {
        Approve: {
          Type: "Task",
          Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          TimeoutSeconds: 3600,
          HeartbeatSeconds: 60,
          Parameters: { QueueUrl: "q", MessageBody: { "token.$": "$$.Task.Token", "order.$": "$.order" } },
          End: true,
        },
      },
    };
    const [wait] = await openWaits(definition, { order: 7 }, pending);
    expect(wait).toMatchObject({ kind: "callback", stateName: "Approve", timeoutSeconds: 3600, heartbeatSeconds: 60, attempt: 1 });
    expect(wait.token).toMatch(/\S{10,}/);
    expect(wait.timeoutAt).toBe(START.getTime() + 3600_000);
    expect(wait.heartbeatDueAt).toBe(START.getTime() + 60_000);
  });

  it("finds a JSONata token argument, and a Wait state's end beside it in a Parallel branch", async () => {
    const definition = {
      QueryLanguage: "JSONata",
      StartAt: "Both",
      States: {
        Both: {
          Type: "Parallel",
          End: true,
          Branches: [
            { StartAt: "Pause", States: { Pause: { Type: "Wait", Seconds: 90, End: true } } },
            { StartAt: "Call", States: { Call: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true } } },
            {
              StartAt: "Ask",
              States: {
                Ask: {
                  Type: "Task",
                  Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
                  Arguments: { FunctionName: "f", Payload: { callback: "{% $states.context.Task.Token %}" } },
                  End: true,
                },
              },
            },
          ],
        },
      },
    };
    // a call that never answers holds the virtual clock, so the Wait stays open
    const invoker: TaskInvoker = { invoke: (task) => (task.pattern === "wait-for-task-token" ? { pending: true } : new Promise(() => {})) };
    const waits = await openWaits(definition, {}, invoker);
    expect(waits.map((w) => [w.statePath, w.kind])).toEqual([
      ["Both[0]/Pause", "wait"],
      ["Both[1]/Call", "task"],
      ["Both[2]/Ask", "callback"],
    ]);
    expect(waits[0].until).toBe(START.getTime() + 90_000);
    expect(waits[2].token).toMatch(/\S{10,}/);
  });

  it("reports a Map's progress and the iterations still waiting", async () => {
    const definition = {
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map",
          End: true,
          ItemProcessor: {
            StartAt: "Work",
            States: {
              Work: {
                Type: "Task",
                Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
                Parameters: { "n.$": "$.n", "token.$": "$$.Task.Token" },
                End: true,
              },
            },
          },
        },
      },
    };
    const invoker: TaskInvoker = {
      invoke: (task) => ((task.parameters as { n: number }).n % 2 === 0 ? { output: "done" } : { pending: true }),
    };
    const waits = await openWaits(definition, [{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }], invoker);
    const map = waits.find((w) => w.kind === "map");
    expect(map?.progress).toEqual({ total: 4, started: 4, succeeded: 2, failed: 0, running: 2 });
    expect(waits.filter((w) => w.kind === "callback").map((w) => w.statePath)).toEqual(["Each/Work", "Each/Work"]);
  });

  it("says nothing once the execution has closed", async () => {
    const definition = { StartAt: "P", States: { P: { Type: "Pass", End: true } } };
    const handle = startExecution({ definition, input: {}, taskInvoker: pending, context: { startTime: START } });
    const result = await handle.result;
    const events = result.events.map((e) => ({ ...e, timestamp: e.timestamp.toISOString() }));
    expect(waitingOn(groupStateRuns(events, definition), events, definition)).toEqual([]);
  });
});
