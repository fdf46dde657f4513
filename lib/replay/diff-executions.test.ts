import { describe, expect, it } from "vitest";
import { exampleInvoker } from "../examples/example-invoker";
import { hashOf } from "../examples/hash";
import { generateDemo } from "../examples/generate-demo";
import type { IngestedExecution } from "../ingest/types";
import { diffExecutions } from "./diff-executions";
import { replayExecution } from "./replay-execution";
import { fnInvoker, NESTED, record } from "../../testing/replay/record";

async function failedPayment(): Promise<IngestedExecution> {
  for await (const execution of generateDemo({ count: 200, now: new Date("2026-02-01T00:00:00Z") })) {
    if (execution.stateMachineName === "EcommerceOrder" && execution.status === "FAILED" && execution.error === "PaymentGatewayTimeout")
      return execution;
  }
  throw new Error("the demo has no EcommerceOrder whose payment kept timing out");
}

/** An order id whose payment the example handler takes on the first attempt. */
function payableOrderId(): string {
  for (let i = 0; ; i++) {
    const h = hashOf(`fixed-${i}pay`);
    if (h % 10 !== 0 && h % 3 !== 0) return `fixed-${i}`;
  }
}

describe("diffExecutions", () => {
  it("finds nothing between a recording and its faithful replay", async () => {
    const recording = await record(
      NESTED,
      { n: 0, items: [{ k: "a" }, { k: "b" }] },
      fnInvoker((r) => (r.stateName === "Prepare" ? { value: 1 } : r.parameters)),
    );
    const replay = await replayExecution(recording);
    const diff = diffExecutions(recording, { ...replay, definition: replay.definition });
    expect(diff).toMatchObject({ identical: true, firstDivergence: null, changedStates: [], onlyInA: [], onlyInB: [] });
    expect(diff.timing.every((t) => t.deltaMs === 0)).toBe(true);
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
  });

  it("shows status, first divergent event, changed outputs, new paths and timing when an edited replay succeeds", async () => {
    const original = await failedPayment();
    const source = { ...original, definition: original.definition! };
    const payment = await replayExecution(source, {
      from: "ProcessPayment",
      patch: [{ op: "replace", path: "/orderId", value: payableOrderId() }],
      onMissing: "examples",
      exampleHandlers: exampleInvoker,
    });
    expect(payment.status).toBe("SUCCEEDED");
    const diff = diffExecutions(source, { status: payment.status, events: payment.events, definition: payment.definition });
    expect(diff.identical).toBe(false);
    expect(diff.status).toEqual({ a: "FAILED", b: "SUCCEEDED", changed: true });
    expect(diff.firstDivergence).toMatchObject({
      reason: "payload",
      a: { type: "TaskStateEntered", stateName: "ProcessPayment" },
      b: { type: "TaskStateEntered", stateName: "ProcessPayment" },
    });
    expect(diff.firstDivergence!.index).toBe(payment.checkpoint!.eventId - 1);
    expect(diff.onlyInA).toEqual([]);
    expect(diff.onlyInB).toEqual(["CreateShippingLabel"]);
    const changed = diff.changedStates.find((s) => s.stateName === "ProcessPayment")!;
    expect(changed.a).toMatchObject({ exited: false, error: "PaymentGatewayTimeout" });
    expect(changed.b.exited).toBe(true);
    expect(changed.changes).toMatchObject([{ path: "$", kind: "added" }]);
    const timing = diff.timing.find((t) => t.stateName === "ProcessPayment")!;
    expect(timing.aMs).toBeGreaterThan(timing.bMs);
  });

  it("reports events missing on one side", () => {
    const ev = (id: number, type: string) => ({ id, previousEventId: id - 1, type, timestamp: new Date(id * 1000) });
    const diff = diffExecutions(
      { status: "SUCCEEDED", events: [ev(1, "ExecutionStarted"), ev(2, "ExecutionSucceeded")] },
      { status: "SUCCEEDED", events: [ev(1, "ExecutionStarted")] },
    );
    expect(diff.firstDivergence).toMatchObject({ index: 1, reason: "only-in-a", b: null });
    expect(diff.durationMs).toEqual({ a: 1000, b: 0 });
  });
});
