import type { ExecutionRow, StateRunRow } from "../model/execution";
import { bucketStart, bucketLabel, type Granularity } from "./bucket-time";
import { percentile } from "./percentile";

export interface OverTimeBucket {
  /** ISO start of the bucket (UTC) */
  bucket: string;
  label: string;
  executions: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  running: number;
  /** executions started in the bucket that were redriven, counted once per redrive */
  redrives: number;
  /** task retries: attempts beyond the first, of state runs entered in the bucket */
  retries: number;
  /** state runs that failed and were caught by a Catch */
  caught: number;
  /** ms, completed executions only; null for an empty bucket */
  p50: number | null;
  p95: number | null;
}

export interface SplitSeries {
  /** series names, largest first; "other" collects the rest */
  keys: string[];
  rows: Array<{ bucket: string; label: string } & Record<string, number | string>>;
}

export interface FlakyState {
  stateName: string;
  runs: number;
  /** runs that needed more than one attempt */
  retriedRuns: number;
  failedRuns: number;
  caughtRuns: number;
  /** attempts beyond the first, summed */
  retries: number;
  /** share of runs that retried, failed or were caught */
  flakyRate: number;
  topError: string | null;
}

export interface VersionSummary {
  version: string;
  executions: number;
  failed: number;
  failureRate: number;
  p50: number | null;
  p95: number | null;
}

export interface OverTime {
  granularity: Granularity;
  buckets: OverTimeBucket[];
  /** failed, timed-out and aborted executions per bucket by error name */
  byError: SplitSeries;
  /** executions per bucket by version */
  byVersion: SplitSeries;
  versions: VersionSummary[];
  flakiest: FlakyState[];
}

export interface OverTimeOptions {
  granularity?: Granularity;
  /** ISO bounds; default: the first and last start date in the rows */
  from?: string;
  to?: string;
  topErrors?: number;
  topVersions?: number;
  flakiestLimit?: number;
  /** states with fewer runs are left out of the flakiest ranking */
  minRuns?: number;
  /** refuse to build more buckets than this (the range is clipped at the end) */
  maxBuckets?: number;
}

/** Buckets executions and state runs by day or hour and ranks the flakiest states. */
export function prepareOverTime(
  executions: readonly ExecutionRow[],
  stateRuns: readonly StateRunRow[],
  options: OverTimeOptions = {},
): OverTime {
  const granularity = options.granularity ?? "day";
  const starts = [...executions.map((e) => Date.parse(e.startDate)), ...stateRuns.map((r) => Date.parse(r.startDate))].filter(
    Number.isFinite,
  );
  const from = options.from ? Date.parse(options.from) : starts.length ? starts.reduce((a, b) => Math.min(a, b)) : NaN;
  const to = options.to ? Date.parse(options.to) : starts.length ? starts.reduce((a, b) => Math.max(a, b)) : NaN;
  const buckets = new Map<number, OverTimeBucket>();
  const durations = new Map<number, number[]>();
  if (Number.isFinite(from) && Number.isFinite(to)) {
    const max = options.maxBuckets ?? 2000;
    for (let t = bucketStart(from, granularity); t <= to && buckets.size < max; t = nextBucket(t, granularity)) {
      buckets.set(t, emptyBucket(t, granularity));
      durations.set(t, []);
    }
  }
  const errorCounts = new Map<number, Map<string, number>>();
  const versionCounts = new Map<number, Map<string, number>>();
  for (const e of executions) {
    const key = bucketStart(Date.parse(e.startDate), granularity);
    const b = buckets.get(key);
    if (!b) continue;
    b.executions++;
    b.redrives += e.redriveCount ?? 0;
    if (e.status === "SUCCEEDED") b.succeeded++;
    else if (e.status === "FAILED") b.failed++;
    else if (e.status === "TIMED_OUT") b.timedOut++;
    else if (e.status === "ABORTED") b.aborted++;
    else b.running++;
    if (e.durationMs !== null && e.status !== "RUNNING") durations.get(key)!.push(e.durationMs);
    if (e.status === "FAILED" || e.status === "TIMED_OUT" || e.status === "ABORTED") {
      bump(errorCounts, key, e.error ?? (e.status === "TIMED_OUT" ? "States.Timeout" : e.status === "ABORTED" ? "Aborted" : "(no error)"));
    }
    bump(versionCounts, key, e.version ?? "(unknown)");
  }
  for (const r of stateRuns) {
    const b = buckets.get(bucketStart(Date.parse(r.startDate), granularity));
    if (!b) continue;
    b.retries += Math.max(0, r.attempts - 1);
    if (r.caught) b.caught++;
  }
  for (const [key, b] of buckets) {
    const list = durations.get(key)!.sort((x, y) => x - y);
    b.p50 = percentile(list, 50);
    b.p95 = percentile(list, 95);
  }
  const ordered = [...buckets.values()];
  return {
    granularity,
    buckets: ordered,
    byError: split(ordered, errorCounts, options.topErrors ?? 6),
    byVersion: split(ordered, versionCounts, options.topVersions ?? 6),
    versions: summarizeVersions(executions),
    flakiest: rankFlakiest(stateRuns, options.minRuns ?? 1).slice(0, options.flakiestLimit ?? 10),
  };
}

function nextBucket(t: number, granularity: Granularity): number {
  return t + (granularity === "hour" ? 3_600_000 : 86_400_000);
}

function emptyBucket(t: number, granularity: Granularity): OverTimeBucket {
  return {
    bucket: new Date(t).toISOString(),
    label: bucketLabel(t, granularity),
    executions: 0,
    succeeded: 0,
    failed: 0,
    timedOut: 0,
    aborted: 0,
    running: 0,
    redrives: 0,
    retries: 0,
    caught: 0,
    p50: null,
    p95: null,
  };
}

function bump(counts: Map<number, Map<string, number>>, key: number, name: string): void {
  const m = counts.get(key) ?? new Map<string, number>();
  m.set(name, (m.get(name) ?? 0) + 1);
  counts.set(key, m);
}

/** Counts per bucket split by key: the `top` keys by total, the rest summed as "other". */
export function split(buckets: OverTimeBucket[], counts: Map<number, Map<string, number>>, top: number): SplitSeries {
  const totals = new Map<string, number>();
  for (const m of counts.values()) for (const [k, n] of m) totals.set(k, (totals.get(k) ?? 0) + n);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const kept = new Set(ranked.slice(0, top));
  const keys = ranked.length > top ? [...kept, "other"] : [...kept];
  const rows = buckets.map((b) => {
    const row: { bucket: string; label: string } & Record<string, number | string> = { bucket: b.bucket, label: b.label };
    for (const k of keys) row[k] = 0;
    for (const [k, n] of counts.get(Date.parse(b.bucket)) ?? []) {
      const name = kept.has(k) ? k : "other";
      row[name] = (row[name] as number) + n;
    }
    return row;
  });
  return { keys, rows };
}

function summarizeVersions(executions: readonly ExecutionRow[]): VersionSummary[] {
  const byVersion = new Map<string, ExecutionRow[]>();
  for (const e of executions) {
    const k = e.version ?? "(unknown)";
    const list = byVersion.get(k) ?? [];
    list.push(e);
    byVersion.set(k, list);
  }
  return [...byVersion.entries()]
    .map(([version, list]) => {
      const failed = list.filter((e) => e.status === "FAILED" || e.status === "TIMED_OUT" || e.status === "ABORTED").length;
      const done = list
        .filter((e) => e.durationMs !== null && e.status !== "RUNNING")
        .map((e) => e.durationMs!)
        .sort((a, b) => a - b);
      return {
        version,
        executions: list.length,
        failed,
        failureRate: failed / list.length,
        p50: percentile(done, 50),
        p95: percentile(done, 95),
      };
    })
    .sort((a, b) => b.executions - a.executions || a.version.localeCompare(b.version));
}

/** States ranked by the share of their runs that retried, failed or were caught. */
export function rankFlakiest(stateRuns: readonly StateRunRow[], minRuns = 1): FlakyState[] {
  const byState = new Map<string, FlakyState & { flaky: number; errors: Map<string, number> }>();
  for (const r of stateRuns) {
    const s = byState.get(r.stateName) ?? {
      stateName: r.stateName,
      runs: 0,
      retriedRuns: 0,
      failedRuns: 0,
      caughtRuns: 0,
      retries: 0,
      flakyRate: 0,
      topError: null,
      flaky: 0,
      errors: new Map<string, number>(),
    };
    s.runs++;
    if (r.attempts > 1) s.retriedRuns++;
    if (r.failed) s.failedRuns++;
    if (r.caught) s.caughtRuns++;
    s.retries += Math.max(0, r.attempts - 1);
    if (r.stateType !== "Fail" && (r.attempts > 1 || r.failed || r.caught)) s.flaky++;
    if (r.error) s.errors.set(r.error, (s.errors.get(r.error) ?? 0) + 1);
    byState.set(r.stateName, s);
  }
  return [...byState.values()]
    .filter((s) => s.flaky > 0 && s.runs >= minRuns)
    .map(({ flaky, errors, ...s }) => ({
      ...s,
      flakyRate: flaky / s.runs,
      topError: [...errors.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null,
    }))
    .sort(
      (a, b) =>
        b.flakyRate - a.flakyRate || b.retries + b.failedRuns - (a.retries + a.failedRuns) || a.stateName.localeCompare(b.stateName),
    );
}
