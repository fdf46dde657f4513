import { describe, expect, it } from "vitest";
import { runExecution, startExecution, type HistoryEvent, type TaskInvoker, type TaskOutcome, type WallClock } from "../index";

/** A wall clock the test moves by hand: timers fire when `advance` passes their deadline. */
class ManualWall implements WallClock {
  private time = Date.UTC(2026, 0, 1);
  private timers: { at: number; fire: () => void }[] = [];

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fire: () => void): () => void {
    const timer = { at: this.time + ms, fire };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }

  /** Moves the clock once the engine is idle (its run loop waits in real time), then lets it react. */
  async advance(ms: number): Promise<void> {
    await turns(20);
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const timer of due) timer.fire();
    await turns(20);
  }
}

async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await turns(1);
  expect(check()).toBe(true);
}

const callbackInvoker: TaskInvoker = { invoke: () => ({ pending: true }) };

function callbackMachine(task: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    StartAt: "Approve",
    States: {
      Approve: {
        Type: "Task",
        Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        Parameters: { "t.$": "$$.Task.Token" },
        End: true,
        ...task,
      },
      ...extra,
    },
  };
}

const at = (events: readonly HistoryEvent[], type: string, nth = 0) =>
  new Date(events.filter((e) => e.type === type)[nth].timestamp).getTime();

function tokenOf(events: readonly HistoryEvent[], nth = 0): string {
  const scheduled = events.filter((e) => e.type === "TaskScheduled")[nth];
  return JSON.parse(String(scheduled.taskScheduledEventDetails!.parameters)).t as string;
}

describe("waits for the outside world on a wall clock", () => {
  it("records a callback answered 2 s later 2 s after TaskSubmitted", async () => {
    const wall = new ManualWall();
    const handle = startExecution({ definition: callbackMachine({}), input: {}, taskInvoker: callbackInvoker, wallClock: wall });
    await until(() => handle.events().some((e) => e.type === "TaskSubmitted"));
    await wall.advance(2000);
    handle.sendTaskSuccess(tokenOf(handle.events()), { ok: true });
    const result = await handle.result;
    expect(result.status).toBe("SUCCEEDED");
    expect(at(result.events, "TaskSucceeded") - at(result.events, "TaskSubmitted")).toBe(2000);
    expect(result.stopDate.getTime() - result.startDate.getTime()).toBe(2000);
  });

  it("keeps the virtual clock without one: the same callback is recorded at 0 ms", async () => {
    const handle = startExecution({ definition: callbackMachine({}), input: {}, taskInvoker: callbackInvoker });
    await until(() => handle.events().some((e) => e.type === "TaskSubmitted"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    handle.sendTaskSuccess(tokenOf(handle.events()), {});
    const result = await handle.result;
    expect(at(result.events, "TaskSucceeded") - at(result.events, "TaskSubmitted")).toBe(0);
  });

  it("fails a missed heartbeat at its real deadline (a heartbeat moves it), as States.Timeout", async () => {
    const wall = new ManualWall();
    const handle = startExecution({
      definition: callbackMachine({ HeartbeatSeconds: 1, TimeoutSeconds: 60 }),
      input: {},
      taskInvoker: callbackInvoker,
      wallClock: wall,
    });
    await until(() => handle.events().some((e) => e.type === "TaskSubmitted"));
    await wall.advance(600);
    handle.sendTaskHeartbeat(tokenOf(handle.events()));
    await turns(10);
    await wall.advance(900); // 1500 ms in, 900 ms since the heartbeat: still waiting
    expect(handle.events().some((e) => e.type === "TaskTimedOut")).toBe(false);
    await wall.advance(100);
    const result = await handle.result;
    expect(result.status).toBe("FAILED");
    expect(result.error).toBe("States.Timeout");
    const timedOut = result.events.find((e) => e.type === "TaskTimedOut")!;
    expect(timedOut.taskTimedOutEventDetails).toMatchObject({ error: "States.Timeout" });
    expect(at(result.events, "TaskTimedOut") - at(result.events, "TaskSubmitted")).toBe(1600);
  });

  it("lets Catch on States.HeartbeatTimeout take a missed heartbeat, and States.TaskFailed not", async () => {
    const wall = new ManualWall();
    const definition = callbackMachine(
      {
        HeartbeatSeconds: 1,
        Catch: [
          { ErrorEquals: ["States.TaskFailed"], Next: "Wrong" },
          { ErrorEquals: ["States.HeartbeatTimeout"], Next: "NoHeartbeat" },
        ],
      },
      { Wrong: { Type: "Fail", Error: "Wrong" }, NoHeartbeat: { Type: "Pass", End: true } },
    );
    const handle = startExecution({ definition, input: {}, taskInvoker: callbackInvoker, wallClock: wall });
    await until(() => handle.events().some((e) => e.type === "TaskSubmitted"));
    await wall.advance(1000);
    const result = await handle.result;
    expect(result.status).toBe("SUCCEEDED");
    expect(result.output).toEqual({ Error: "States.Timeout", Cause: "" });
  });

  it("fails a callback at its TimeoutSeconds; States.HeartbeatTimeout does not match it, a Retry on States.Timeout does", async () => {
    const wall = new ManualWall();
    const definition = callbackMachine({
      TimeoutSeconds: 2,
      Retry: [
        { ErrorEquals: ["States.HeartbeatTimeout"], MaxAttempts: 5 },
        { ErrorEquals: ["States.Timeout"], MaxAttempts: 1, IntervalSeconds: 1 },
      ],
    });
    const handle = startExecution({ definition, input: {}, taskInvoker: callbackInvoker, wallClock: wall });
    await until(() => handle.events().some((e) => e.type === "TaskSubmitted"));
    await wall.advance(1999);
    expect(handle.events().some((e) => e.type === "TaskTimedOut")).toBe(false);
    await wall.advance(1);
    // the backoff second is fast-forwarded: nothing outside is awaited during it
    await until(() => handle.events().filter((e) => e.type === "TaskSubmitted").length === 2);
    await wall.advance(2000);
    const result = await handle.result;
    expect(result.status).toBe("FAILED");
    expect(result.events.filter((e) => e.type === "TaskTimedOut")).toHaveLength(2);
    expect(at(result.events, "TaskTimedOut", 0) - at(result.events, "TaskSubmitted", 0)).toBe(2000);
    expect(at(result.events, "TaskScheduled", 1) - at(result.events, "TaskTimedOut", 0)).toBe(1000);
  });

  it("fast-forwards Wait states by default and waits for them in real time with waitClock real", async () => {
    const definition = { StartAt: "W", States: { W: { Type: "Wait", Seconds: 3600, End: true } } };
    const fast = await runExecution({ definition, input: {}, wallClock: new ManualWall() });
    expect(fast.stopDate.getTime() - fast.startDate.getTime()).toBe(3_600_000);

    const wall = new ManualWall();
    const handle = startExecution({ definition, input: {}, wallClock: wall, waitClock: "real" });
    let closed = false;
    void handle.result.then(() => (closed = true));
    await turns(20);
    await wall.advance(3_599_000);
    expect(closed).toBe(false);
    await wall.advance(1000);
    await until(() => closed);
  });

  it("times an activity no worker takes out at its TimeoutSeconds and withdraws it from the invoker", async () => {
    const wall = new ManualWall();
    const abandoned: string[] = [];
    const invoker: TaskInvoker = {
      invoke: () => new Promise<TaskOutcome>(() => {}),
      abandon: (request) => void abandoned.push(request.stateName),
    };
    const definition = {
      StartAt: "Work",
      States: { Work: { Type: "Task", Resource: "arn:aws:states:us-east-1:123456789012:activity:work", TimeoutSeconds: 5, End: true } },
    };
    const handle = startExecution({ definition, input: {}, taskInvoker: invoker, wallClock: wall });
    await until(() => handle.events().some((e) => e.type === "ActivityScheduled"));
    await wall.advance(4000);
    expect(handle.events().some((e) => e.type === "ActivityTimedOut")).toBe(false);
    await wall.advance(1000);
    const result = await handle.result;
    expect(result.events.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "ActivityScheduled",
      "ActivityTimedOut",
      "ExecutionFailed",
    ]);
    expect(at(result.events, "ActivityTimedOut") - at(result.events, "ActivityScheduled")).toBe(5000);
    expect(abandoned).toEqual(["Work"]);
  });

  it("counts an activity's TimeoutSeconds from scheduling and its heartbeat from the worker's start", async () => {
    const wall = new ManualWall();
    let take!: (outcome: TaskOutcome) => void;
    const invoker: TaskInvoker = { invoke: () => new Promise<TaskOutcome>((resolve) => (take = resolve)) };
    const definition = {
      StartAt: "Work",
      States: {
        Work: {
          Type: "Task",
          Resource: "arn:aws:states:us-east-1:123456789012:activity:work",
          TimeoutSeconds: 10,
          HeartbeatSeconds: 4,
          End: true,
        },
      },
    };
    const handle = startExecution({ definition, input: {}, taskInvoker: invoker, wallClock: wall });
    await until(() => handle.events().some((e) => e.type === "ActivityScheduled"));
    await wall.advance(7000); // no worker for 7 s: the heartbeat clock has not started
    take({ pending: true, workerName: "w1" } as TaskOutcome);
    await until(() => handle.events().some((e) => e.type === "ActivityStarted"));
    await wall.advance(3000); // 10 s since scheduling: the timeout, before the heartbeat's 4 s
    const result = await handle.result;
    expect(result.events.find((e) => e.type === "ActivityStarted")!.activityStartedEventDetails).toEqual({ workerName: "w1" });
    expect(at(result.events, "ActivityTimedOut") - at(result.events, "ActivityScheduled")).toBe(10_000);
  });
});
