import { applySnapshotTransformers, replaceReferences } from "./apply-snapshot-transformers";
import type { SnapshotTransformer } from "./case-types";
import { maskAwsIdentity, maskDates, maskMapRunArns, maskTimestampKeys, maskUuids } from "./mask-basics";
import { maskJsonInputs } from "./mask-json-inputs";
import { normalizeParallelEvents } from "./normalize-parallel-events";
import { parseJsonTextMembers } from "./parse-json-text-members";

/** What the interpreter produced for one execution, unmasked. */
export interface RawRun {
  status: string;
  output?: unknown;
  error?: string;
  cause?: string;
  events: readonly unknown[];
}

/** The same run masked the way the recording is. */
export interface MaskedRun {
  status: string;
  output?: unknown;
  error?: unknown;
  cause?: unknown;
  events: Record<string, unknown>[];
}

export interface MaskOptions {
  /** The case's `notes.snapshot_transformers`. */
  transformers?: readonly SnapshotTransformer[];
  /** Apply the recorder's Parallel normaliser (`notes.parallel_events_normalized`). */
  normalizeParallel?: boolean;
  /** Keep Map Run labels unmasked (the recording kept them). */
  keepMapRunLabel?: boolean;
  /** Text the harness substituted for recorded placeholders -> the placeholder (applied first). */
  restore?: ReadonlyMap<string, string>;
  /** The recording lists events newest first (`notes.reverse_order`). */
  reverseOrder?: boolean;
}

const OUTPUT_CARRIER = "ConformanceOutput";
const FAILURE_CARRIER = "ConformanceFailure";

function jsonClone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * Masks an interpreter run like the recording: payload JSON text parsed, the case's own
 * transformers, Map Run ARNs, UUIDs under `*id` keys, ARN partition/region/account, date-times,
 * `*timestamp*` keys and payload JSON quoted in error causes. The execution output and error/cause travel through the same
 * pipeline as if they were the final `ExecutionSucceeded` / `ExecutionFailed` details, since
 * that is where the recording took them from.
 */
export function maskRun(run: RawRun, options: MaskOptions = {}): MaskedRun {
  const events = jsonClone([...run.events]) as Record<string, unknown>[];
  for (const event of events) {
    parseJsonTextMembers(event);
    // The recorder got event timestamps as datetime objects, never as date text.
    if ("timestamp" in event) event.timestamp = "timestamp";
  }

  const outputCarrier = { type: OUTPUT_CARRIER, executionSucceededEventDetails: { output: jsonClone(run.output) } };
  const failureDetails: Record<string, unknown> = { error: run.error, cause: run.cause };
  parseJsonTextMembers(failureDetails);
  const failureCarrier = { type: FAILURE_CARRIER, executionFailedEventDetails: failureDetails };
  const tree = { events: [...events, outputCarrier, failureCarrier] };

  if (options.restore) replaceReferences(tree, new Map(options.restore));
  applySnapshotTransformers(tree, options.transformers ?? []);
  maskMapRunArns(tree, options.keepMapRunLabel);
  maskUuids(tree);
  maskAwsIdentity(tree);
  maskTimestampKeys(tree);
  maskDates(tree);
  maskJsonInputs(tree);

  const maskedEvents = tree.events.slice(0, events.length) as Record<string, unknown>[];
  const masked = tree.events.slice(events.length) as [typeof outputCarrier, typeof failureCarrier];
  if (options.reverseOrder) maskedEvents.reverse();
  return {
    status: run.status,
    output: masked[0].executionSucceededEventDetails.output,
    error: masked[1].executionFailedEventDetails.error,
    cause: masked[1].executionFailedEventDetails.cause,
    events: options.normalizeParallel ? normalizeParallelEvents(maskedEvents) : maskedEvents,
  };
}
