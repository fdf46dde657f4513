import { binMs } from "./duration-bin";
import type { OverTimeBuckets } from "./bucket-rows";
import { bucketLabel, bucketStart } from "./bucket-time";
import { split, type FlakyState, type OverTime, type OverTimeBucket, type OverTimeOptions, type VersionSummary } from "./prepare-over-time";

const FAILED = new Set(["FAILED", "TIMED_OUT", "ABORTED"]);

/**
 * The same OverTime as prepareOverTime, from pre-aggregated bucket rows (lib/db/over-time.ts
 * overTimeBuckets) instead of one row per execution and state run. Counts are exact; p50/p95 are
 * the duration histograms' (within ~4.5 %, see lib/db/duration-bin.ts).
 */
export function prepareOverTimeFromBuckets(rows: OverTimeBuckets, options: OverTimeOptions = {}): OverTime {
  const granularity = options.granularity ?? "day";
  const starts = [...rows.executions, ...rows.states].map((r) => Date.parse(r.bucket)).filter(Number.isFinite);
  const from = options.from ? Date.parse(options.from) : starts.length ? Math.min(...starts) : NaN;
  const to = options.to ? Date.parse(options.to) : starts.length ? Math.max(...starts) : NaN;
  const buckets = new Map<number, OverTimeBucket>();
  if (Number.isFinite(from) && Number.isFinite(to)) {
    const step = granularity === "hour" ? 3_600_000 : 86_400_000;
    for (let t = bucketStart(from, granularity); t <= to && buckets.size < (options.maxBuckets ?? 2000); t += step) {
      buckets.set(t, {
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
      });
    }
  }
  const errorCounts = new Map<number, Map<string, number>>();
  const versionCounts = new Map<number, Map<string, number>>();
  const versions = new Map<string, { executions: number; failed: number }>();
  for (const r of rows.executions) {
    const version = r.version ?? "(unknown)";
    const v = versions.get(version) ?? { executions: 0, failed: 0 };
    v.executions += r.executions;
    if (FAILED.has(r.status)) v.failed += r.executions;
    versions.set(version, v);
    const key = bucketStart(Date.parse(r.bucket), granularity);
    const b = buckets.get(key);
    if (!b) continue;
    b.executions += r.executions;
    b.redrives += r.redrives;
    if (r.status === "SUCCEEDED") b.succeeded += r.executions;
    else if (r.status === "FAILED") b.failed += r.executions;
    else if (r.status === "TIMED_OUT") b.timedOut += r.executions;
    else if (r.status === "ABORTED") b.aborted += r.executions;
    else b.running += r.executions;
    if (FAILED.has(r.status))
      bump(
        errorCounts,
        key,
        r.error ?? (r.status === "TIMED_OUT" ? "States.Timeout" : r.status === "ABORTED" ? "Aborted" : "(no error)"),
        r.executions,
      );
    bump(versionCounts, key, version, r.executions);
  }
  const flaky = new Map<string, FlakyState & { flaky: number; errors: Map<string, number> }>();
  for (const r of rows.states) {
    const b = buckets.get(bucketStart(Date.parse(r.bucket), granularity));
    if (b) {
      b.retries += r.retries;
      b.caught += r.caughtRuns;
    }
    const s = flaky.get(r.stateName) ?? {
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
    s.runs += r.runs;
    s.retriedRuns += r.retriedRuns;
    s.failedRuns += r.failedRuns;
    s.caughtRuns += r.caughtRuns;
    s.retries += r.retries;
    s.flaky += r.flakyRuns;
    if (r.error) add(s.errors, r.error, r.runs);
    flaky.set(r.stateName, s);
  }
  for (const d of rows.durations) {
    const b = buckets.get(bucketStart(Date.parse(d.bucket!), granularity));
    if (!b) continue;
    b.p50 = binMs(d.p50Bin);
    b.p95 = binMs(d.p95Bin);
  }
  const versionDurations = new Map(rows.versionDurations.map((d) => [d.version ?? "(unknown)", d]));
  const ordered = [...buckets.values()];
  const versionSummaries: VersionSummary[] = [...versions.entries()]
    .filter(([, v]) => v.executions > 0)
    .map(([version, v]) => {
      const d = versionDurations.get(version);
      return {
        version,
        executions: v.executions,
        failed: v.failed,
        failureRate: v.failed / v.executions,
        p50: d ? binMs(d.p50Bin) : null,
        p95: d ? binMs(d.p95Bin) : null,
      };
    })
    .sort((a, b) => b.executions - a.executions || a.version.localeCompare(b.version));
  const minRuns = options.minRuns ?? 1;
  const flakiest = [...flaky.values()]
    .filter((s) => s.flaky > 0 && s.runs >= minRuns)
    .map(({ flaky: n, errors, ...s }) => ({
      ...s,
      flakyRate: n / s.runs,
      topError: [...errors.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null,
    }))
    .sort(
      (a, b) =>
        b.flakyRate - a.flakyRate || b.retries + b.failedRuns - (a.retries + a.failedRuns) || a.stateName.localeCompare(b.stateName),
    );
  return {
    granularity,
    buckets: ordered,
    byError: split(ordered, errorCounts, options.topErrors ?? 6),
    byVersion: split(ordered, versionCounts, options.topVersions ?? 6),
    versions: versionSummaries,
    flakiest: flakiest.slice(0, options.flakiestLimit ?? 10),
  };
}

function add<K>(m: Map<K, number>, key: K, n: number): void {
  m.set(key, (m.get(key) ?? 0) + n);
}

function bump(counts: Map<number, Map<string, number>>, key: number, name: string, n: number): void {
  const m = counts.get(key) ?? new Map<string, number>();
  add(m, name, n);
  counts.set(key, m);
}
