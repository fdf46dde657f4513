import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../examples/generate-demo";
import { runPendingBackfills } from "./backfills";
import { failureGroupExecutionIds, failureGroups } from "./failure-groups";
import { saveExecution } from "./save-execution";
import { createTestDb } from "./test-db";
import { failingExecution as execution, T0, type Spec, declined } from "./test-failures";

type Ctx = Awaited<ReturnType<typeof createTestDb>>;
const SPECS: Spec[] = [
  ...[1, 2, 3, 4].map((n) => ({ name: `declined-${n}`, at: T0 + n * 3_600_000, failure: declined(n) })),
  { name: "stock-1", failure: { error: "StockError", cause: "Item 17 out of stock" } },
  { name: "stock-2", failure: { error: "StockError", cause: "Item 9 out of stock" } },
  { name: "timeout-1", failure: "timeout" },
  { name: "no-history", failure: "none" },
  { name: "other-machine", machine: "Billing", failure: declined(5) },
  { name: "ok", failure: "success" },
  { name: "replayed", failure: declined(6), source: "replay" },
  { name: "too-old", at: T0 - 30 * 86_400_000, failure: declined(7) },
];

const RANGE = { since: new Date(T0 - 86_400_000), until: new Date(T0 + 86_400_000) };

describe("failure groups", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await createTestDb();
    await runPendingBackfills(ctx.db);
    for (const spec of SPECS) await saveExecution(ctx.db, execution(spec));
    for await (const e of generateDemo({ count: 80, seed: 3, days: 2, now: new Date(T0 + 2 * 86_400_000) })) await saveExecution(ctx.db, e);
  }, 120_000);
  afterAll(() => ctx?.close());

  it("groups by failing state, error and normalized cause, per state machine", async () => {
    const orders = await ctx.db.stateMachine.findFirstOrThrow({ where: { name: "Orders" } });
    const { groups, bucketStarts } = await failureGroups(ctx.db, { ...RANGE, stateMachineId: orders.id, buckets: 12 });
    expect(bucketStarts).toHaveLength(12);
    const summary = groups.map((g) => `${g.count} ${g.state} ${g.error} ${g.cause}`);
    // largest first; the two groups of one execution at the same time in either order
    expect(summary.slice(0, 2)).toEqual([
      "4 Charge PaymentError Card <n> declined (request <uuid>) at <time>",
      "2 Charge StockError Item <n> out of stock",
    ]);
    expect(summary.slice(2).sort()).toEqual([
      "1 Charge States.Timeout The execution timed out at <time>",
      "1 null Lost history <n> was not kept",
    ]);
    const declinedGroup = groups[0];
    expect(declinedGroup.firstSeen).toBe(new Date(T0 + 3_600_000).toISOString());
    expect(declinedGroup.lastSeen).toBe(new Date(T0 + 4 * 3_600_000).toISOString());
    expect(declinedGroup.versions).toEqual([1]);
    expect(declinedGroup.series.reduce((a, b) => a + b, 0)).toBe(4);
    expect(declinedGroup.samples.map((s) => s.name)).toEqual(["declined-4", "declined-3", "declined-2", "declined-1"]);
  });

  it("puts every failed or timed-out execution in range in exactly one group (demo data included)", async () => {
    const { groups } = await failureGroups(ctx.db, RANGE);
    expect(groups.length).toBeGreaterThan(5);
    const seen = new Map<string, string>();
    for (const group of groups) {
      const ids = await failureGroupExecutionIds(ctx.db, group.key, RANGE);
      expect(ids).toHaveLength(group.count);
      expect(group.series.reduce((a, b) => a + b, 0)).toBe(group.count);
      for (const id of ids) {
        expect(seen.has(id), `execution ${id} in two groups`).toBe(false);
        seen.set(id, group.key);
      }
    }
    const failed = await ctx.db.execution.findMany({
      where: { status: { in: ["FAILED", "TIMED_OUT"] }, source: { not: "replay" }, startDate: { gte: RANGE.since, lte: RANGE.until } },
      select: { id: true },
    });
    expect(failed.length).toBeGreaterThan(10);
    expect([...seen.keys()].sort()).toEqual(failed.map((f) => f.id).sort());
    // samples read with one scan of the range (many groups) are the ones read group by group
    const scanned = await failureGroups(ctx.db, { ...RANGE, sampleReads: "scan" });
    const perGroup = await failureGroups(ctx.db, { ...RANGE, sampleReads: "per-group", samples: 3 });
    expect(scanned).toEqual(await failureGroups(ctx.db, { ...RANGE, sampleReads: "per-group" }));
    expect(perGroup.groups.map((g) => g.samples)).toEqual(scanned.groups.map((g) => g.samples.slice(0, 3)));
    // the same failure on another state machine is another group
    const billing = groups.filter((g) => g.stateMachine.name === "Billing");
    expect(billing.map((g) => `${g.count} ${g.state} ${g.error}`)).toEqual(["1 Charge PaymentError"]);
  });

  it("the backfill derives the same signatures for rows stored before the column existed", async () => {
    const before = await failureGroups(ctx.db, RANGE);
    await ctx.db.execution.updateMany({ data: { failureKey: null, failureState: null, failureError: null, failureCause: null } });
    expect((await failureGroups(ctx.db, RANGE)).groups).toEqual([]);
    await ctx.db.dataBackfill.update({ where: { name: "failure-signatures" }, data: { doneAt: null } });
    const lines: string[] = [];
    expect(await runPendingBackfills(ctx.db, (line) => lines.push(line))).toEqual(["failure-signatures"]);
    expect(lines.at(-1)).toMatch(/failure signatures derived for \d+ executions/);
    expect(await failureGroups(ctx.db, RANGE)).toEqual(before);
  });
});
