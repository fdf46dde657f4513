import { describe, expect, it } from "vitest";
import type { TaskInvoker, TaskRequest } from "../asl";
import { detailsOf, type HistoryEvent } from "../asl/history/types";
import { checkpoints, findCheckpoint } from "./checkpoints";
import { replayExecution, type ReplaySource } from "./replay-execution";
import { fnInvoker, record } from "../../testing/replay/record";

const fn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const plain = (events: readonly HistoryEvent[]) => events.map((e) => ({ ...e, timestamp: new Date(e.timestamp).toISOString() }));

/** A task whose answer and duration depend on the request; a thrown `[error, cause]` fails it. */
function timedInvoker(answer: (r: TaskRequest) => unknown, durationMs: (r: TaskRequest) => number): TaskInvoker {
  return {
    invoke(request) {
      try {
        return { output: answer(request), durationMs: durationMs(request) };
      } catch (thrown) {
        const [error, cause] = thrown as [string, string];
        return { error, cause, durationMs: durationMs(request) };
      }
    },
  };
}

/** Every checkpoint of the recording, replayed unchanged, gives the recorded history back exactly. */
async function expectFaithfulEverywhere(recording: ReplaySource): Promise<number> {
  const list = checkpoints(recording.events, recording.definition);
  for (const checkpoint of list) {
    const replay = await replayExecution(recording, { from: checkpoint.eventId });
    expect(plain(replay.events), `from ${checkpoint.eventId} ${checkpoint.label}`).toEqual(plain(recording.events as HistoryEvent[]));
    expect(replay.status).toBe(recording.status);
  }
  return list.length;
}

/** A Map (2 at a time) whose iterations check, charge (retried, caught) and settle. */
const PROCESS_ITEMS = {
  StartAt: "Load",
  States: {
    Load: { Type: "Pass", Assign: { batch: "b1" }, Next: "ProcessItems" },
    ProcessItems: {
      Type: "Map",
      ItemsPath: "$.items",
      MaxConcurrency: 2,
      ResultPath: "$.results",
      ItemProcessor: {
        StartAt: "Check",
        States: {
          Check: { Type: "Choice", Choices: [{ Variable: "$.amount", NumericLessThan: 0, Next: "Reject" }], Default: "ChargeCard" },
          Reject: { Type: "Fail", Error: "NegativeAmount", Cause: "an item has a negative amount" },
          ChargeCard: {
            Type: "Task",
            Resource: fn("charge"),
            Parameters: { "amount.$": "$.amount", "card.$": "$.card", "batch.$": "$batch" },
            Retry: [{ ErrorEquals: ["Declined"], IntervalSeconds: 1, MaxAttempts: 1 }],
            Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Declined" }],
            Next: "Settle",
          },
          Declined: { Type: "Pass", Parameters: { "declined.$": "$.card" }, End: true },
          Settle: { Type: "Wait", Seconds: 2, Assign: { "charged.$": "$.charged" }, Next: "Receipt" },
          Receipt: { Type: "Pass", Parameters: { "paid.$": "$charged", "batch.$": "$batch" }, End: true },
        },
      },
      Next: "Done",
    },
    Done: { Type: "Succeed" },
  },
};

const ITEMS = {
  items: [
    { amount: 10, card: "ok" },
    { amount: 20, card: "bad" },
    { amount: 30, card: "ok" },
    { amount: 40, card: "ok" },
    { amount: 50, card: "bad" },
  ],
};

const charge = timedInvoker(
  (r) => {
    const p = r.parameters as { amount: number; card: string };
    if (p.card === "bad") throw ["Declined", `card declined for ${p.amount}`];
    return { charged: p.amount };
  },
  (r) => 100 * (1 + ((r.parameters as { amount: number }).amount % 3)),
);

describe("replay from nested checkpoints", () => {
  it("lists Map iterations, their states and retried attempts readably, and finds them by path", async () => {
    const recording = await record(PROCESS_ITEMS, ITEMS, charge);
    const list = checkpoints(recording.events, PROCESS_ITEMS);
    const labels = list.map((c) => c.label);
    expect(labels).toContain("ProcessItems › item 3 › ChargeCard");
    expect(labels).toContain("ProcessItems › item 1 › ChargeCard (attempt 2)");
    const retry = findCheckpoint(list, "ProcessItems[1]/ChargeCard@2");
    expect(retry).toMatchObject({ stateName: "ChargeCard", attempt: 2, path: [{ state: "ProcessItems", index: 1, visit: 1 }] });
    expect(recording.events.find((e) => e.id === retry.eventId)?.type).toBe("LambdaFunctionScheduled");
    expect(findCheckpoint(list, "ProcessItems › item 1 › ChargeCard (attempt 2)")).toBe(retry);
    // A nested state's name alone: its first entry.
    expect(findCheckpoint(list, "ChargeCard")).toBe(list.find((c) => c.stateName === "ChargeCard"));
    expect(findCheckpoint(list, "ProcessItems[4]/Check").path[0].index).toBe(4);
    expect(findCheckpoint(list, "Receipt").variables).toMatchObject({ batch: "b1", charged: 10 });
    expect(() => findCheckpoint(list, "ProcessItems[9]/Check")).toThrow(/no state entry matches/);
  });

  it("reproduces a Map with MaxConcurrency, retries and caught failures exactly from every checkpoint", async () => {
    const recording = await record(PROCESS_ITEMS, ITEMS, charge);
    expect(recording.status, JSON.stringify(recording.events[recording.events.length - 1])).toBe("SUCCEEDED");
    expect(await expectFaithfulEverywhere(recording)).toBeGreaterThanOrEqual(20);
  });

  it("replays from inside an iteration with an edited input: the prefix is kept, finished iterations are not re-run", async () => {
    const recording = await record(PROCESS_ITEMS, ITEMS, charge);
    const list = checkpoints(recording.events, PROCESS_ITEMS);
    const check3 = findCheckpoint(list, "ProcessItems[3]/Check");
    const replay = await replayExecution(recording, { from: check3.eventId, input: { amount: -1, card: "ok" } });
    expect(replay.status).toBe("FAILED");
    expect(replay.error).toBe("NegativeAmount");
    expect(plain(replay.events.slice(0, check3.eventId - 1))).toEqual(
      plain((recording.events as HistoryEvent[]).slice(0, check3.eventId - 1)),
    );
    const entry = replay.events[check3.eventId - 1];
    expect(entry).toMatchObject({ id: check3.eventId, type: "ChoiceStateEntered" });
    expect(JSON.parse(detailsOf(entry)!.input as string)).toEqual({ amount: -1, card: "ok" });
    // Iterations 0-2 finished before the checkpoint: none of their states appear again after it.
    const after = replay.events.slice(check3.eventId);
    const charged = after.filter((e) => e.type === "LambdaFunctionScheduled").map((e) => JSON.parse(detailsOf(e)!.input as string).amount);
    expect(charged).not.toContain(10);
    expect(charged).not.toContain(30);
  });

  it("continues a retried attempt inside an iteration with the retrier's counter restored", async () => {
    const recording = await record(PROCESS_ITEMS, ITEMS, charge);
    const list = checkpoints(recording.events, PROCESS_ITEMS);
    const retry = findCheckpoint(list, "ProcessItems[1]/ChargeCard@2");
    // An edited card succeeds on attempt 2 (the missing-result rule answers the changed call).
    const fixed = await replayExecution(recording, {
      from: retry.eventId,
      input: { amount: 20, card: "ok" },
      onMissing: { invoker: charge },
    });
    expect(fixed.status).toBe("SUCCEEDED");
    const results = JSON.parse(detailsOf(fixed.events[fixed.events.length - 1])!.output as string).results;
    expect(results[1]).toEqual({ paid: 20, batch: "b1" });
    expect(results[4]).toEqual({ declined: "bad" });
  });

  const NESTED_PARALLEL = {
    StartAt: "Orders",
    States: {
      Orders: {
        Type: "Map",
        ItemsPath: "$.orders",
        ItemProcessor: {
          StartAt: "Both",
          States: {
            Both: {
              Type: "Parallel",
              Branches: [
                { StartAt: "Reserve", States: { Reserve: { Type: "Task", Resource: fn("reserve"), End: true } } },
                {
                  StartAt: "Pause",
                  States: {
                    Pause: { Type: "Wait", Seconds: 1, Next: "Express?" },
                    "Express?": {
                      Type: "Choice",
                      Choices: [{ Variable: "$.express", BooleanEquals: true, Next: "Skip" }],
                      Default: "Notify",
                    },
                    Skip: { Type: "Pass", Result: "skipped", End: true },
                    Notify: { Type: "Task", Resource: fn("notify"), End: true },
                  },
                },
              ],
              Next: "Sum",
            },
            Sum: { Type: "Pass", Parameters: { "reserved.$": "$[0]", "notified.$": "$[1]" }, End: true },
          },
        },
        End: true,
      },
    },
  };
  const orders = {
    orders: [
      { id: 1, express: false },
      { id: 2, express: false },
      { id: 3, express: false },
    ],
  };
  const shop = timedInvoker(
    (r) => `${r.stateName}:${(r.parameters as { id: number }).id}`,
    (r) => 300 + 200 * (r.parameters as { id: number }).id,
  );

  it("reproduces a Parallel nested in a Map exactly from every checkpoint, and edits a branch's input", async () => {
    const recording = await record(NESTED_PARALLEL, orders, shop);
    expect(recording.status).toBe("SUCCEEDED");
    expect(await expectFaithfulEverywhere(recording)).toBeGreaterThanOrEqual(15);
    const list = checkpoints(recording.events, NESTED_PARALLEL);
    const choice = list.find((c) => c.label === "Orders › item 1 › Both › branch 2 › Express?")!;
    expect(choice.ref).toBe("Orders[1]/Both/Express?");
    const replay = await replayExecution(recording, { from: choice.ref, input: { id: 2, express: true } });
    expect(replay.status).toBe("SUCCEEDED");
    expect(replay.output).toEqual([
      { reserved: "Reserve:1", notified: "Notify:1" },
      { reserved: "Reserve:2", notified: "skipped" },
      { reserved: "Reserve:3", notified: "Notify:3" },
    ]);
  });

  it("reproduces deep nesting (Map › Parallel › Map with retries) and simultaneous iterations from every checkpoint", async () => {
    const step = timedInvoker(
      (r) => {
        if ((r.parameters as { card: string }).card === "bad") throw ["Declined", "no"];
        return { charged: 1 };
      },
      () => 250,
    );
    const inner = {
      StartAt: "Step",
      States: {
        Step: {
          Type: "Task",
          Resource: fn("step"),
          Parameters: { "card.$": "$.card" },
          Retry: [{ ErrorEquals: ["Declined"], IntervalSeconds: 1, MaxAttempts: 2 }],
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Soft" }],
          End: true,
        },
        Soft: { Type: "Pass", Result: "soft", End: true },
      },
    };
    const deep = {
      StartAt: "Outer",
      States: {
        Outer: {
          Type: "Map",
          ItemsPath: "$.groups",
          MaxConcurrency: 2,
          ItemProcessor: {
            StartAt: "Split",
            States: {
              Split: {
                Type: "Parallel",
                Branches: [
                  { StartAt: "Inner", States: { Inner: { Type: "Map", ItemsPath: "$.xs", ItemProcessor: inner, End: true } } },
                  {
                    StartAt: "Side",
                    States: { Side: { Type: "Pass", Result: 1, Next: "Nap" }, Nap: { Type: "Wait", Seconds: 1, End: true } },
                  },
                ],
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };
    const groups = {
      groups: [
        { xs: [{ card: "ok" }, { card: "bad" }] },
        { xs: [{ card: "ok" }] },
        { xs: [{ card: "bad" }, { card: "ok" }, { card: "ok" }] },
      ],
    };
    expect(await expectFaithfulEverywhere(await record(deep, groups, step))).toBeGreaterThan(20);
    // Every iteration's task takes the same time: their events interleave at the same instants.
    expect(
      await expectFaithfulEverywhere(
        await record(
          PROCESS_ITEMS,
          ITEMS,
          timedInvoker(
            (r) => ({ charged: (r.parameters as { amount: number }).amount }),
            () => 250,
          ),
        ),
      ),
    ).toBeGreaterThan(20);
    expect(
      await expectFaithfulEverywhere(
        await record(
          NESTED_PARALLEL,
          orders,
          timedInvoker(
            () => "done",
            () => 250,
          ),
        ),
      ),
    ).toBeGreaterThan(15);
  });

  const RETRIED = {
    StartAt: "Charge",
    States: {
      Charge: {
        Type: "Task",
        Resource: fn("charge"),
        Retry: [
          { ErrorEquals: ["Timeout"], IntervalSeconds: 1, MaxAttempts: 5 },
          { ErrorEquals: ["Busy"], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 },
        ],
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Fallback" }],
        Next: "Done",
      },
      Fallback: { Type: "Pass", Result: "fallback", ResultPath: "$.outcome", End: true },
      Done: { Type: "Pass", Result: "charged", ResultPath: "$.outcome", End: true },
    },
  };
  const busyUntil = (attempts: number) =>
    fnInvoker((r) => {
      if (r.attempt < attempts) throw ["Busy", `attempt ${r.attempt + 1}`];
      return { ok: true };
    });
  const scheduledAt = (events: readonly HistoryEvent[]) =>
    events.filter((e) => e.type === "LambdaFunctionScheduled").map((e) => new Date(e.timestamp).getTime());

  it("resumes at attempt 3 of 4 with the backoff continuing as recorded", async () => {
    const recording = await record(RETRIED, { card: "ok" }, busyUntil(2));
    expect(recording.status).toBe("SUCCEEDED");
    await expectFaithfulEverywhere(recording);
    const third = findCheckpoint(checkpoints(recording.events, RETRIED), "Charge@3");
    expect(third.label).toBe("Charge (attempt 3)");
    // Edited: attempt 3 and 4 fail too. Attempt 4 waits 2 x 3^2 = 18 s (counter at 2, not 0), then Catch.
    const failing = await replayExecution(recording, {
      from: third.eventId,
      input: { card: "busy" },
      onMissing: { invoker: busyUntil(9) },
    });
    expect(failing.output).toEqual({ card: "busy", outcome: "fallback", error: { Error: "Busy", Cause: "attempt 4" } });
    const at = scheduledAt(failing.events);
    expect(at.length).toBe(4);
    expect(at[3] - at[2]).toBe(250 + 18_000);
    expect(at[2] - at[1]).toBe(250 + 6_000);
  });

  it("resumes the last attempt of exhausted retries: Catch as recorded, or success with an edited input", async () => {
    const recording = await record(RETRIED, { card: "ok" }, busyUntil(9));
    expect(JSON.parse(detailsOf(recording.events[recording.events.length - 1] as HistoryEvent)!.output as string)).toMatchObject({
      outcome: "fallback",
    });
    await expectFaithfulEverywhere(recording);
    const fourth = findCheckpoint(checkpoints(recording.events, RETRIED), "Charge@4");
    const unchanged = await replayExecution(recording, { from: fourth.eventId });
    expect(unchanged.output).toMatchObject({ outcome: "fallback" });
    const fixed = await replayExecution(recording, { from: fourth.eventId, input: { card: "new" }, onMissing: { invoker: busyUntil(0) } });
    expect(fixed.status).toBe("SUCCEEDED");
    expect(fixed.output).toEqual({ ok: true, outcome: "charged" });
  });
});
