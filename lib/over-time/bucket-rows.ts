// The over-time read model's rows: what lib/db/over-time.ts reads from the bucket tables and
// prepare-over-time-buckets.ts turns into chart series. Plain data, no database types.

/** What a state bucket counts (kept per state, version and error). */
export interface StateCounts {
  runs: number;
  retriedRuns: number;
  retries: number;
  failedRuns: number;
  caughtRuns: number;
  flakyRuns: number;
}

/** Executions per time bucket, version, status and error. */
export interface ExecutionBucketRow {
  /** ISO start of the day or hour (UTC) */
  bucket: string;
  /** "v3", or null when the version is unknown */
  version: string | null;
  status: string;
  error: string | null;
  executions: number;
  redrives: number;
}

/** State runs per time bucket, state and error. */
export interface StateBucketRow extends StateCounts {
  bucket: string;
  stateName: string;
  error: string | null;
}

/** Nearest-rank p50/p95 duration bins (duration-bin.ts) of completed executions, per bucket or per version. */
export interface DurationPercentiles {
  bucket?: string;
  version?: string | null;
  p50Bin: number;
  p95Bin: number;
}

export interface OverTimeBuckets {
  executions: ExecutionBucketRow[];
  states: StateBucketRow[];
  durations: DurationPercentiles[];
  versionDurations: DurationPercentiles[];
}
