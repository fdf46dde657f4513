import { describe, expect, it } from "vitest";
import { generateDemo } from "../examples/generate-demo";
import { groupStateRuns } from "./group-state-runs";
import { deriveRootCause, type RootCause } from "./root-cause";
import { eventDetailsKey, type HistoryEventJson } from "../asl/history/types";

const T0 = Date.parse("2026-10-01T09:00:00Z");

/** A history from [type, details, previousEventId?] triples, each linked to the one before unless a link is given. */
function history(items: [string, Record<string, unknown>?, number?][]): HistoryEventJson[] {
  return items.map(([type, details, previousEventId], i) => {
    const event: HistoryEventJson = {
      id: i + 1,
      previousEventId: previousEventId ?? i,
      timestamp: new Date(T0 + i * 1000).toISOString(),
      type,
    };
    if (details) event[eventDetailsKey(type)] = details;
    return event;
  });
}

const chainOf = (rc: RootCause | null) => rc?.chain.map((s) => `${s.role}:${s.state}${s.error ? `(${s.error})` : ""}`);

describe("deriveRootCause", () => {
  it("leads a failed OrderFulfillment with the label printer's timeouts, the Catch and the compensation, not the Fail state", async () => {
    let found: RootCause | null = null;
    for await (const execution of generateDemo({ count: 120, seed: 42, now: new Date("2026-11-01T00:00:00Z") })) {
      if (execution.stateMachineName !== "OrderFulfillment" || execution.status !== "FAILED") continue;
      found = deriveRootCause(
        groupStateRuns(
          execution.events.map((e) => ({ ...e, timestamp: e.timestamp.toISOString() })),
          execution.definition,
        ),
        execution.definition,
      );
      break;
    }
    expect(found).toMatchObject({
      state: "PrintShippingLabel",
      path: "PrintShippingLabel",
      error: "States.Timeout",
      attempts: 4,
      caughtBy: { state: "PrintShippingLabel", errorEquals: ["States.ALL"], next: "ReleaseInventory" },
    });
    expect(chainOf(found)).toEqual([
      "failed:PrintShippingLabel(States.Timeout)",
      "caught:PrintShippingLabel(States.Timeout)",
      "compensation:ReleaseInventory",
      "compensation:RefundCard",
      "terminal:OrderFailed(OrderFulfillmentFailed)",
    ]);
  });

  it("an uncaught task failure is its own root cause", () => {
    const prepared = groupStateRuns(
      history([
        ["ExecutionStarted", { input: "{}" }],
        ["PassStateEntered", { name: "Prepare", input: "{}" }],
        ["PassStateExited", { name: "Prepare", output: "{}" }],
        ["TaskStateEntered", { name: "Charge", input: "{}" }],
        ["TaskScheduled", { resource: "invoke", resourceType: "lambda" }],
        ["TaskFailed", { error: "Busy", cause: "try later" }],
        ["TaskScheduled", { resource: "invoke", resourceType: "lambda" }],
        ["TaskFailed", { error: "Declined", cause: "card 4242 declined" }],
        ["ExecutionFailed", { error: "Declined", cause: "card 4242 declined" }],
      ]),
    );
    const rc = deriveRootCause(prepared);
    expect(rc).toMatchObject({ state: "Charge", error: "Declined", cause: "card 4242 declined", attempts: 2, caughtBy: null });
    expect(chainOf(rc)).toEqual(["failed:Charge(Declined)"]);
  });

  it("opens a failed Parallel to the branch state that failed first", () => {
    const prepared = groupStateRuns(
      history([
        ["ExecutionStarted", { input: "{}" }],
        ["ParallelStateEntered", { name: "Fan", input: "{}" }],
        ["ParallelStateStarted"],
        ["TaskStateEntered", { name: "Left", input: "{}" }],
        ["TaskStateEntered", { name: "Right", input: "{}" }, 3],
        ["TaskScheduled", { resource: "invoke" }, 4],
        ["TaskScheduled", { resource: "invoke" }, 5],
        ["TaskFailed", { error: "RightBroke" }, 7],
        ["ParallelStateFailed", { error: "RightBroke", cause: "in Right" }, 8],
        ["ExecutionFailed", { error: "RightBroke", cause: "in Right" }, 9],
      ]),
    );
    const rc = deriveRootCause(prepared);
    expect(rc).toMatchObject({ state: "Right", path: "Fan[1]/Right", error: "RightBroke" });
    expect(chainOf(rc)).toEqual(["failed:Right(RightBroke)", "terminal:Fan(RightBroke)"]);
  });

  it("a Choice that routes to a Fail state: the Fail state is the cause, with its error", () => {
    const prepared = groupStateRuns(
      history([
        ["ExecutionStarted", { input: "{}" }],
        ["ChoiceStateEntered", { name: "Valid?", input: "{}" }],
        ["ChoiceStateExited", { name: "Valid?", output: "{}" }],
        ["FailStateEntered", { name: "Invalid", input: "{}" }],
        ["ExecutionFailed", { error: "ValidationFailed", cause: "amount missing" }],
      ]),
    );
    expect(deriveRootCause(prepared)).toMatchObject({
      state: "Invalid",
      error: "ValidationFailed",
      cause: "amount missing",
      chain: [{ role: "failed", state: "Invalid" }],
    });
  });

  it("a timed-out execution names the state it was in", () => {
    const prepared = groupStateRuns(
      history([
        ["ExecutionStarted", { input: "{}" }],
        ["TaskStateEntered", { name: "Approve", input: "{}" }],
        ["TaskScheduled", { resource: "sqs:sendMessage.waitForTaskToken" }],
        ["ExecutionTimedOut", { error: "States.Timeout", cause: "The execution timed out" }],
      ]),
    );
    expect(deriveRootCause(prepared)).toMatchObject({ state: "Approve", error: "States.Timeout" });
  });

  it("is null for an execution that succeeded, even after catching an error", () => {
    const prepared = groupStateRuns(
      history([
        ["ExecutionStarted", { input: "{}" }],
        ["TaskStateEntered", { name: "Charge", input: "{}" }],
        ["TaskScheduled", { resource: "invoke" }],
        ["TaskFailed", { error: "Busy" }],
        ["TaskStateExited", { name: "Charge", output: "{}" }],
        ["ExecutionSucceeded", { output: "{}" }],
      ]),
    );
    expect(deriveRootCause(prepared)).toBeNull();
  });
});
