import { describe, expect, it } from "vitest";
import { startExecution, type TaskInvoker, type TaskRequest, type WallClock } from "../index";

const START = new Date(Date.UTC(2026, 0, 1));

const callback = JSON.stringify({
  StartAt: "A",
  States: {
    A: { Type: "Pass", Next: "Wait for it" },
    "Wait for it": {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { QueueUrl: "q", MessageBody: { "t.$": "$$.Task.Token" } },
      TimeoutSeconds: 10,
      End: true,
    },
  },
});

/** Starts `callback` and resolves with the token its task was handed (and the handle). */
/** Real time for the waits on the outside world (without one, a live token holds its timers until answered). */
const wall: WallClock = {
  now: () => Date.now(),
  setTimer(ms, fire) {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  },
};

async function started(settings: { redriveCount?: number; catchUp?: { events: number; clockAt(): number }; wallClock?: WallClock } = {}) {
  let request: TaskRequest | undefined;
  const invoker: TaskInvoker = {
    invoke(task) {
      request = task;
      return { pending: true };
    },
  };
  const handle = startExecution({
    definition: callback,
    input: {},
    context: { executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:e", startTime: START, redriveCount: settings.redriveCount },
    taskInvoker: invoker,
    ...(settings.catchUp ? { catchUp: settings.catchUp } : {}),
    wallClock: settings.wallClock,
  });
  for (let i = 0; i < 100 && !request; i++) await new Promise((resolve) => setImmediate(resolve));
  return { token: request!.taskToken!, handle };
}

describe("catching up (an interrupted execution re-run after a restart)", () => {
  it("jumps the clock forward once the re-run has recorded as many events as the history, and the task's timeout counts from its scheduling", async () => {
    const later = START.getTime() + 8_000;
    const { token, handle } = await started({ catchUp: { events: 6, clockAt: () => later } });
    handle.sendTaskSuccess(token, { ok: true });
    const result = await handle.result;
    const events = result.events.map((e) => [e.type, e.timestamp.getTime() - START.getTime()]);
    // ExecutionStarted .. TaskScheduled, TaskStarted (what the history holds): recorded instants; the rest 8 s later
    expect(events.slice(0, 6).every(([, ms]) => ms === 0)).toBe(true);
    expect(events.slice(6).every(([, ms]) => ms === 8_000)).toBe(true);
    expect(result.status).toBe("SUCCEEDED");
  });

  it("never moves the clock back", async () => {
    const { token, handle } = await started({ catchUp: { events: 6, clockAt: () => START.getTime() - 60_000 } });
    handle.sendTaskSuccess(token, {});
    const result = await handle.result;
    expect(result.events.every((e) => e.timestamp.getTime() >= START.getTime())).toBe(true);
  });

  it("a task's deadline passed while the engine was down: the task times out at once", async () => {
    const { handle } = await started({ catchUp: { events: 6, clockAt: () => START.getTime() + 60_000 }, wallClock: wall });
    const result = await handle.result;
    expect(result.status).toBe("FAILED");
    expect(result.error).toBe("States.Timeout");
  });
});

describe("task tokens", () => {
  it("are the same for the same call of the same execution, and differ for a redrive of it", async () => {
    const once = await started();
    const again = await started();
    const redriven = await started({ redriveCount: 1 });
    for (const run of [once, again, redriven]) run.handle.stop();
    expect(again.token).toBe(once.token);
    expect(redriven.token).not.toBe(once.token);
  });
});
