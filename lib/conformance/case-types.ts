/**
 * The shape of one recorded conformance case in `test-data/conformance/{pure,service}/*.json`
 * (see that folder's README.md). Only the fields the harness reads are typed.
 */
export type ExpectedStatus = "SUCCEEDED" | "FAILED" | "ABORTED" | "TIMED_OUT" | "RUNNING_OR_UNKNOWN";

/** One event as the recording stores it: masked, payload JSON objects already parsed. */
export type RecordedEvent = Record<string, unknown> & { type: string; id: unknown; previousEventId: unknown };

export interface RecordedServiceCall {
  state: string;
  /** `Task` (optimised/SDK integration), `LambdaFunction` (legacy Lambda ARN) or `Activity`. */
  kind: string;
  resource_type: string | null;
  resource: string;
  request?: unknown;
  /** The history event type that closed the call, e.g. `TaskSucceeded`; null when not recorded. */
  outcome: string | null;
  output?: unknown;
  error?: string;
  cause?: unknown;
  /** The `TaskSubmitted` output of a `.sync` / `.waitForTaskToken` call. */
  submitted?: unknown;
}

export interface SnapshotTransformer {
  transformer: string;
  arg0?: string;
  arg1?: string;
  jsonpath?: string;
  replacement?: string;
  replace_reference?: boolean;
  index?: number;
}

export interface ConformanceCase {
  id: string;
  feature: string;
  tags: string[];
  pure: boolean;
  services: string[];
  definition: unknown;
  input: unknown;
  expected: {
    status: ExpectedStatus;
    output?: unknown;
    error?: string;
    cause?: unknown;
    events: RecordedEvent[] | null;
  };
  context_placeholders?: Record<string, string | null>;
  clock?: { now: string };
  service_calls?: RecordedServiceCall[];
  last_validated_date?: string;
  notes?: {
    snapshot_transformers?: SnapshotTransformer[];
    parallel_events_normalized?: boolean;
    reverse_order?: boolean;
  };
  /** Set by the loader: the file the case came from. */
  file: string;
}
