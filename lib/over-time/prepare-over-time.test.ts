import { describe, expect, it } from "vitest";
import type { ExecutionRow, StateRunRow } from "../model/execution";
import { prepareOverTime, rankFlakiest } from "./prepare-over-time";

const exec = (
  startDate: string,
  status: string,
  durationMs: number | null,
  error: string | null = null,
  version: string | null = "v1",
  redriveCount = 0,
): ExecutionRow => ({
  startDate,
  status,
  durationMs,
  error,
  version,
  redriveCount,
});
const run = (
  stateName: string,
  startDate: string,
  attempts: number,
  failed = false,
  caught = false,
  error: string | null = null,
): StateRunRow => ({
  stateName,
  startDate,
  attempts,
  failed,
  caught,
  error,
});

describe("prepareOverTime", () => {
  const executions = [
    exec("2026-10-01T08:00:00Z", "SUCCEEDED", 1000),
    exec("2026-10-01T09:00:00Z", "SUCCEEDED", 3000, null, "v2"),
    exec("2026-10-01T10:00:00Z", "FAILED", 2000, "Lambda.Unknown", "v2", 1),
    exec("2026-10-01T23:59:59Z", "TIMED_OUT", 9000, null, "v2"),
    exec("2026-10-03T01:00:00Z", "FAILED", 500, "States.TaskFailed"),
    exec("2026-10-03T02:00:00Z", "RUNNING", null),
  ];
  const runs = [
    run("Charge", "2026-10-01T10:00:01Z", 3, true, false, "Lambda.Unknown"),
    run("Charge", "2026-10-01T08:00:01Z", 1),
    run("Ship", "2026-10-03T01:00:01Z", 2, false, true, "States.Timeout"),
  ];
  const result = prepareOverTime(executions, runs);

  it("fills every day between the first and last start, empty days included", () => {
    expect(result.buckets.map((b) => [b.bucket.slice(0, 10), b.executions])).toEqual([
      ["2026-10-01", 4],
      ["2026-10-02", 0],
      ["2026-10-03", 2],
    ]);
    expect(result.buckets[1]).toMatchObject({ p50: null, p95: null, retries: 0 });
  });

  it("counts outcomes, redrives, retries and caught errors per bucket", () => {
    expect(result.buckets[0]).toMatchObject({
      succeeded: 2,
      failed: 1,
      timedOut: 1,
      aborted: 0,
      running: 0,
      redrives: 1,
      retries: 2,
      caught: 0,
    });
    expect(result.buckets[2]).toMatchObject({ failed: 1, running: 1, retries: 1, caught: 1 });
  });

  it("computes duration percentiles from finished executions", () => {
    expect(result.buckets[0]).toMatchObject({ p50: 2000, p95: 9000 });
    expect(result.buckets[2]).toMatchObject({ p50: 500, p95: 500 });
  });

  it("splits failures by error name and executions by version", () => {
    expect(result.byError.keys).toEqual(["Lambda.Unknown", "States.TaskFailed", "States.Timeout"]);
    expect(result.byError.rows[0]).toMatchObject({ "Lambda.Unknown": 1, "States.Timeout": 1, "States.TaskFailed": 0 });
    expect(result.byVersion.keys).toEqual(["v1", "v2"]);
    expect(result.byVersion.rows.map((r) => [r.v1, r.v2])).toEqual([
      [1, 3],
      [0, 0],
      [2, 0],
    ]);
    expect(result.versions.map((v) => [v.version, v.executions, v.failed, v.p50, v.p95])).toEqual([
      ["v1", 3, 1, 500, 1000],
      ["v2", 3, 2, 3000, 9000],
    ]);
  });

  it("folds small series into other", () => {
    const few = prepareOverTime(executions, [], { topErrors: 1 });
    expect(few.byError.keys).toEqual(["Lambda.Unknown", "other"]);
    expect(few.byError.rows[0].other).toBe(1);
    expect(few.byError.rows[2].other).toBe(1);
  });

  it("buckets by hour within bounds", () => {
    const hourly = prepareOverTime(executions, runs, { granularity: "hour", from: "2026-10-01T08:00:00Z", to: "2026-10-01T10:30:00Z" });
    expect(hourly.buckets.map((b) => [b.label, b.executions, b.retries])).toEqual([
      ["Oct 1 08:00", 1, 0],
      ["Oct 1 09:00", 1, 0],
      ["Oct 1 10:00", 1, 2],
    ]);
  });

  it("returns no buckets without rows", () => {
    expect(prepareOverTime([], []).buckets).toEqual([]);
  });
});

describe("rankFlakiest", () => {
  it("ranks by the share of runs that retried, failed or were caught", () => {
    const ranking = rankFlakiest([
      run("A", "2026-10-01T00:00:00Z", 1),
      run("A", "2026-10-01T00:00:00Z", 2, false, false, "Throttled"),
      run("B", "2026-10-01T00:00:00Z", 1, true, false, "Boom"),
      run("B", "2026-10-01T00:00:00Z", 1, true, false, "Boom"),
      run("B", "2026-10-01T00:00:00Z", 4, false, true, "Other"),
      run("C", "2026-10-01T00:00:00Z", 1),
    ]);
    expect(ranking.map((s) => [s.stateName, s.flakyRate, s.retries, s.topError])).toEqual([
      ["B", 1, 3, "Boom"],
      ["A", 0.5, 1, "Throttled"],
    ]);
    expect(ranking[0]).toMatchObject({ runs: 3, retriedRuns: 1, failedRuns: 2, caughtRuns: 1 });
  });
});

describe("rankFlakiest and Fail states", () => {
  it("counts a Fail state's runs as failed but never ranks it flaky (it fails by design)", () => {
    const at = "2026-10-01T09:00:00.000Z";
    const rows = [
      {
        stateName: "OrderFailed",
        stateType: "Fail",
        startDate: at,
        attempts: 1,
        failed: true,
        caught: false,
        error: "OrderFulfillmentFailed",
      },
      {
        stateName: "OrderFailed",
        stateType: "Fail",
        startDate: at,
        attempts: 1,
        failed: true,
        caught: false,
        error: "OrderFulfillmentFailed",
      },
      {
        stateName: "PrintShippingLabel",
        stateType: "Task",
        startDate: at,
        attempts: 4,
        failed: true,
        caught: true,
        error: "States.Timeout",
      },
      { stateName: "PrintShippingLabel", stateType: "Task", startDate: at, attempts: 1, failed: false, caught: false, error: null },
    ];
    expect(rankFlakiest(rows).map((s) => s.stateName)).toEqual(["PrintShippingLabel"]);
  });
});
