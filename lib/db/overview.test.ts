import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineOverview, runningExecutions } from "./overview";
import { saveExecution } from "./save-execution";
import { createTestDb } from "./test-db";
import { declined, failingExecution, T0, type Spec } from "./test-failures";

type Ctx = Awaited<ReturnType<typeof createTestDb>>;
const HOUR = 3_600_000;
const current = { since: new Date(T0), until: new Date(T0 + 24 * HOUR) };
const previous = { since: new Date(T0 - 24 * HOUR), until: new Date(T0) };

/** An execution of `spec` lasting `seconds`. */
function lasting(spec: Spec, seconds: number) {
  const e = failingExecution(spec);
  return { ...e, stopDate: new Date(e.startDate.getTime() + seconds * 1000) };
}

describe("overview figures", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await createTestDb();
    // Orders, current range: 20 executions of 1..20 s, 5 of them failed (one timed out)
    for (let i = 1; i <= 20; i++) {
      const failure = i <= 4 ? declined(i) : i === 5 ? "timeout" : "success";
      await saveExecution(ctx.db, lasting({ name: `now-${i}`, at: T0 + i * 60_000, failure }, i));
    }
    // Orders, previous range: 10 executions of 100 s, 1 failed
    for (let i = 1; i <= 10; i++)
      await saveExecution(
        ctx.db,
        lasting({ name: `before-${i}`, at: T0 - 12 * HOUR + i * 60_000, failure: i === 1 ? declined(i) : "success" }, 100),
      );
    // Billing only before; a replay that must not count; one running execution
    await saveExecution(ctx.db, lasting({ name: "b", machine: "Billing", at: T0 - HOUR, failure: "success" }, 5));
    await saveExecution(ctx.db, lasting({ name: "replay", at: T0 + HOUR, failure: declined(9), source: "replay" }, 5));
    const running = failingExecution({ name: "still-running", at: T0 + 2 * HOUR, failure: "success" });
    await saveExecution(ctx.db, { ...running, status: "RUNNING", stopDate: null, events: running.events.slice(0, 3) });
  }, 60_000);
  afterAll(() => ctx?.close());

  it("gives executions, failure rate and p95 per machine for the range and the one before", async () => {
    const rows = await machineOverview(ctx.db, current, previous);
    expect(rows.map((r) => r.name)).toEqual(["Orders", "Billing"]);
    const [orders, billing] = rows;
    expect(orders.current).toEqual({ executions: 21, failed: 5, failureRate: 5 / 21, p95DurationMs: 19_000 });
    expect(orders.previous).toEqual({ executions: 10, failed: 1, failureRate: 0.1, p95DurationMs: 100_000 });
    expect(billing.current).toEqual({ executions: 0, failed: 0, failureRate: null, p95DurationMs: null });
    expect(billing.previous.executions).toBe(1);
  });

  it("lists running executions", async () => {
    const running = await runningExecutions(ctx.db);
    expect(running.total).toBe(1);
    expect(running.rows.map((r) => `${r.stateMachine} ${r.name}`)).toEqual(["Orders still-running"]);
  });
});
