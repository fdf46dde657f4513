/** What the failures and overview pages show (lib/db/failure-groups.ts and overview.ts read them). */

export interface FailureSample {
  id: string;
  name: string;
  status: string;
  startDate: string;
}

export interface FailureGroup {
  key: string;
  stateMachine: { id: string; name: string };
  /** the failing state; null when the history names none (an execution-level failure) */
  state: string | null;
  error: string | null;
  /** normalized: ids, numbers, timestamps, UUIDs and ARNs are placeholders */
  cause: string | null;
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** definition versions the group's executions ran, ascending; null = no stored definition */
  versions: (number | null)[];
  /** the newest executions of the group, at most `samples` */
  executionIds: string[];
  samples: FailureSample[];
  /** executions per bucket of the range (FailureGroups.bucketStarts) */
  series: number[];
}

export interface FailureGroups {
  since: string;
  until: string;
  bucketStarts: string[];
  groups: FailureGroup[];
}

export interface MachineFigures {
  executions: number;
  /** failed or timed out */
  failed: number;
  /** failed / executions, null without executions */
  failureRate: number | null;
  /** 95th percentile of finished executions' durations (nearest rank), null when none finished */
  p95DurationMs: number | null;
}

export interface MachineOverview {
  id: string;
  name: string;
  current: MachineFigures;
  previous: MachineFigures;
}

export interface RunningExecution {
  id: string;
  name: string;
  stateMachine: string;
  startDate: string;
}
