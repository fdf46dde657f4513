import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareOverTime } from "../over-time/prepare-over-time";
import { prepareOverTimeFromBuckets } from "../over-time/prepare-over-time-buckets";
import type { HistoryEvent } from "../asl/history/types";
import type { IngestedExecution } from "../ingest/types";
import { pgSchemaOf } from "./client";
import { deleteExecutionsBefore } from "./delete-executions-before";
import { executionRows, overTimeBuckets, stateRunRows, stateVersionMatrix } from "./over-time";
import { rebuildOverTimeBuckets } from "./over-time-buckets";
import { saveExecution } from "./save-execution";
import { createTestDb } from "./test-db";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 8, 1, 0, 0, 0);

/** States run in order; `attempts` task tries (the last fails when `fail`), `caught` = failed then caught. */
interface Step {
  name: string;
  attempts?: number;
  fail?: string;
  caught?: string;
}

function execution(
  n: number,
  options: {
    status?: string;
    steps?: Step[];
    durationMs?: number;
    source?: IngestedExecution["source"];
    redrives?: number;
    startMs?: number;
    definition?: string;
  } = {},
): IngestedExecution {
  const start = new Date(options.startMs ?? T0 + n * 7 * 60_000);
  const stop = options.status === "RUNNING" ? null : new Date(start.getTime() + (options.durationMs ?? 1000 + n * 37));
  const events: HistoryEvent[] = [];
  const at = (i: number) => new Date(start.getTime() + i * 10);
  const push = (type: string, details: Record<string, unknown>) => {
    const id = events.length + 1;
    const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
    const entered = /StateEntered$/.test(type) ? "stateEnteredEventDetails" : /StateExited$/.test(type) ? "stateExitedEventDetails" : key;
    events.push({ id, previousEventId: id - 1, timestamp: at(id), type, [entered]: details } as HistoryEvent);
  };
  push("ExecutionStarted", { input: `{"n":${n}}`, roleArn: "r" });
  for (const step of options.steps ?? [{ name: "Work" }]) {
    push("TaskStateEntered", { name: step.name, input: "{}" });
    const attempts = step.attempts ?? 1;
    for (let a = 1; a <= attempts; a++) {
      push("TaskScheduled", { resource: "invoke", resourceType: "lambda", region: "us-east-1", parameters: "{}" });
      push("TaskStarted", { resource: "invoke", resourceType: "lambda" });
      const last = a === attempts;
      if (!last) push("TaskFailed", { error: "Lambda.TooManyRequestsException", cause: "rate" });
      else if (step.fail) push("TaskFailed", { error: step.fail, cause: "boom" });
      else if (step.caught) push("TaskFailed", { error: step.caught, cause: "bad" });
      else push("TaskSucceeded", { output: "{}", resource: "invoke", resourceType: "lambda" });
    }
    if (step.fail) break;
    push("TaskStateExited", { name: step.name, output: "{}" });
  }
  const status = options.status ?? "SUCCEEDED";
  const failedStep = (options.steps ?? []).find((s) => s.fail);
  if (status === "SUCCEEDED") push("ExecutionSucceeded", { output: "{}" });
  else if (status === "FAILED") push("ExecutionFailed", { error: failedStep?.fail ?? "States.TaskFailed", cause: "boom" });
  return {
    executionArn: `arn:aws:states:us-east-1:111111111111:execution:Orders:run-${n}`,
    name: `run-${n}`,
    stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:Orders",
    stateMachineName: "Orders",
    type: "STANDARD",
    status,
    startDate: start,
    stopDate: stop,
    input: `{"n":${n}}`,
    output: status === "SUCCEEDED" ? "{}" : null,
    error: status === "FAILED" ? (failedStep?.fail ?? "States.TaskFailed") : null,
    cause: null,
    redriveCount: options.redrives ?? 0,
    source: options.source ?? "aws",
    definition: options.definition ?? '{"StartAt":"Validate","States":{}}',
    events,
  };
}

/** A varied mix over ~14 hours: retries, failures, catches, two versions, a replay, a running one. */
function mix(): IngestedExecution[] {
  const out: IngestedExecution[] = [];
  for (let n = 0; n < 120; n++) {
    const steps: Step[] = [
      { name: "Validate", ...(n % 9 === 0 ? { caught: "ValidationError" } : {}) },
      { name: "Charge", attempts: n % 5 === 0 ? 3 : n % 3 === 0 ? 2 : 1, ...(n % 11 === 0 ? { fail: "PaymentDeclined" } : {}) },
      { name: "Ship" },
    ];
    out.push(
      execution(n, {
        steps,
        status: n % 11 === 0 ? "FAILED" : n === 119 ? "RUNNING" : n % 17 === 0 ? "TIMED_OUT" : "SUCCEEDED",
        durationMs: 200 + ((n * 7919) % 9000),
        source: n === 50 ? "replay" : "aws",
        redrives: n % 22 === 0 ? 1 : 0,
        definition: n < 60 ? '{"StartAt":"Validate","States":{"v":1}}' : '{"StartAt":"Validate","States":{"v":2}}',
      }),
    );
  }
  return out;
}

async function bucketTables(ctx: Awaited<ReturnType<typeof createTestDb>>) {
  const e = await ctx.db.executionHourBucket.findMany({
    orderBy: [{ hour: "asc" }, { versionId: "asc" }, { status: "asc" }, { error: "asc" }, { durationBin: "asc" }],
  });
  const s = await ctx.db.stateHourBucket.findMany({
    orderBy: [{ hour: "asc" }, { stateName: "asc" }, { versionId: "asc" }, { error: "asc" }],
  });
  const eDay = await ctx.db.executionDayBucket.findMany({
    orderBy: [{ day: "asc" }, { versionId: "asc" }, { status: "asc" }, { error: "asc" }, { durationBin: "asc" }],
  });
  const sDay = await ctx.db.stateDayBucket.findMany({
    orderBy: [{ day: "asc" }, { stateName: "asc" }, { versionId: "asc" }, { error: "asc" }],
  });
  return { e, s, eDay, sDay };
}

/** The maintained buckets must equal a GROUP BY over the stored rows (the migration's backfill). */
async function expectBucketsMatchRebuild(ctx: Awaited<ReturnType<typeof createTestDb>>) {
  const maintained = await bucketTables(ctx);
  await rebuildOverTimeBuckets(ctx.db, pgSchemaOf(ctx.db));
  const rebuilt = await bucketTables(ctx);
  expect(maintained).toEqual(rebuilt);
  return rebuilt;
}

describe("over-time buckets", () => {
  let ctx: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    ctx = await createTestDb();
    for (const e of mix()) await saveExecution(ctx.db, e);
  });
  afterAll(async () => ctx.close());

  it("are maintained on save exactly as the backfill computes them, replays left out", async () => {
    const { e, s, eDay, sDay } = await expectBucketsMatchRebuild(ctx);
    expect(e.reduce((n, r) => n + r.executions, 0)).toBe(119);
    expect(eDay.reduce((n, r) => n + r.executions, 0)).toBe(119);
    expect(sDay.reduce((n, r) => n + r.runs, 0)).toBe(s.reduce((n, r) => n + r.runs, 0));
    expect(eDay.length).toBeLessThan(e.length);
    expect(e.some((r) => r.status === "RUNNING" && r.durationBin === -1)).toBe(true);
    expect(s.find((r) => r.stateName === "Validate" && r.error === "ValidationError")?.caughtRuns).toBeGreaterThan(0);
    expect(s.reduce((n, r) => n + r.failedRuns, 0)).toBe(11);
    expect(s.every((r) => r.runs > 0) && e.every((r) => r.executions > 0)).toBe(true);
  });

  it("stay exact when the same executions are ingested again, unchanged or changed", async () => {
    const before = await bucketTables(ctx);
    for (const e of mix().slice(0, 20)) expect((await saveExecution(ctx.db, e)).outcome).toBe("unchanged");
    expect(await bucketTables(ctx)).toEqual(before);
    // a redrive: status, steps and duration change; the old contribution must leave the buckets
    for (const n of [0, 11, 22]) {
      const again = execution(n, {
        steps: [{ name: "Validate" }, { name: "Charge", attempts: 2 }, { name: "Ship" }],
        status: "SUCCEEDED",
        durationMs: 50_000,
        redrives: 2,
        definition: '{"StartAt":"Validate","States":{"v":1}}',
      });
      expect((await saveExecution(ctx.db, again)).outcome).toBe("updated");
    }
    const { e } = await expectBucketsMatchRebuild(ctx);
    expect(e.reduce((n, r) => n + r.executions, 0)).toBe(119);
  });

  it("lose what pruned executions added, leaving no empty rows", async () => {
    const cutoff = new Date(T0 + 5 * HOUR);
    const result = await deleteExecutionsBefore(ctx.db, cutoff, { batchSize: 7 });
    expect(result.executions).toBeGreaterThan(30);
    const { e, s, eDay } = await expectBucketsMatchRebuild(ctx);
    expect(e.every((r) => r.hour >= cutoff)).toBe(true);
    expect(eDay.every((r) => r.executions > 0)).toBe(true);
    expect(s.every((r) => r.hour >= cutoff && r.runs > 0)).toBe(true);
  });

  it("give the page the same figures as the per-row path (percentiles within a bin)", async () => {
    const machine = (await ctx.db.stateMachine.findFirstOrThrow()).id;
    for (const granularity of ["day", "hour"] as const) {
      const q = { stateMachineId: machine, from: new Date(T0), to: new Date(T0 + 20 * HOUR) };
      const options = { granularity, from: q.from.toISOString(), to: q.to.toISOString(), flakiestLimit: 12 };
      const fromBuckets = prepareOverTimeFromBuckets(await overTimeBuckets(ctx.db, q, granularity), options);
      const fromRows = prepareOverTime(await executionRows(ctx.db, q), await stateRunRows(ctx.db, q), options);
      const counts = (o: typeof fromRows) => ({
        ...o,
        buckets: o.buckets.map(({ p50: _a, p95: _b, ...b }) => b),
        versions: o.versions.map(({ p50: _a, p95: _b, ...v }) => v),
      });
      expect(counts(fromBuckets)).toEqual(counts(fromRows));
      fromBuckets.buckets.forEach((b, i) => {
        for (const p of ["p50", "p95"] as const) {
          const exact = fromRows.buckets[i][p];
          if (exact === null) expect(b[p]).toBeNull();
          else expect(Math.abs(b[p]! - exact) / exact).toBeLessThan(0.1);
        }
      });
      const onlyCharge = prepareOverTimeFromBuckets(await overTimeBuckets(ctx.db, { ...q, stateName: "Charge" }, granularity), options);
      expect(onlyCharge.flakiest.map((f) => f.stateName)).toEqual(["Charge"]);
      expect(onlyCharge.flakiest[0]).toEqual(fromRows.flakiest.find((f) => f.stateName === "Charge"));
    }
    const matrix = await stateVersionMatrix(ctx.db, { stateMachineId: machine, from: new Date(T0), to: new Date(T0 + 20 * HOUR) });
    expect(matrix.versions.map((v) => v.number)).toEqual([1, 2]);
    const charge = matrix.states.find((s) => s.stateName === "Charge")!;
    expect(charge.cells.map((c) => c.version)).toEqual([1, 2]);
    expect(charge.cells.reduce((n, c) => n + c.runs, 0)).toBe(
      await ctx.db.stateRun.count({ where: { stateName: "Charge", execution: { source: { not: "replay" } } } }),
    );
    // A few hours read the hour buckets: exactly the runs started in those hours, not the whole day.
    const latest = await ctx.db.stateRun.findFirst({
      where: { stateName: "Charge", execution: { source: { not: "replay" } } },
      orderBy: { startDate: "desc" },
    });
    const hourStart = Math.floor(latest!.startDate.getTime() / HOUR) * HOUR;
    const short = { stateMachineId: machine, from: new Date(hourStart - 2 * HOUR), to: new Date(hourStart + HOUR - 1) };
    const shortCharge = (await stateVersionMatrix(ctx.db, short)).states.find((s) => s.stateName === "Charge")!;
    const inWindow = (await stateRunRows(ctx.db, { ...short, stateName: "Charge" })).length;
    expect(inWindow).toBeGreaterThan(0);
    expect(shortCharge.cells.reduce((n, c) => n + c.runs, 0)).toBe(inWindow);
  });
  it("stay exact when two workers replace the same execution at the same moment", async () => {
    // On PostgreSQL the two saves run on two connections; each must subtract the stored counts once.
    for (let round = 0; round < 3; round++) {
      const a = execution(33, {
        steps: [{ name: "Validate" }, { name: "Ship" }],
        status: "SUCCEEDED",
        durationMs: 10_000 + round,
        redrives: 1 + round * 2,
      });
      const b = execution(33, {
        steps: [{ name: "Validate" }, { name: "Charge", attempts: 3 }],
        status: "FAILED",
        durationMs: 20_000 + round,
        redrives: 2 + round * 2,
      });
      await Promise.all([saveExecution(ctx.db, a), saveExecution(ctx.db, b)]);
    }
    await expectBucketsMatchRebuild(ctx);
  });
});
