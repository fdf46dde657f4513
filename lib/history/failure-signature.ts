import { normalizeCause } from "./normalize-cause";
import { deriveRootCause } from "./root-cause";
import { groupStateRuns } from "./group-state-runs";
import type { HistoryEventJson } from "../asl/history/types";

/** What groups a failed execution with others on the failures page. */
export interface FailureSignature {
  /** the state the failure started in (the root cause); null when the history names none */
  state: string | null;
  error: string | null;
  /** normalized (normalize-cause.ts) */
  cause: string | null;
}

export const GROUPED_STATUSES = ["FAILED", "TIMED_OUT"] as const;

export function isGroupedStatus(status: string): boolean {
  return (GROUPED_STATUSES as readonly string[]).includes(status);
}

/**
 * The failure signature of an execution, from the same root-cause derivation as its page
 * (root-cause.ts): the failing state, its error and cause. An execution whose history names no
 * failing state (no events, a partial history, a failure before any state ran) is grouped by its
 * own error and cause, with state null. Null for executions that neither failed nor timed out.
 */
export function failureSignatureOf(execution: {
  status: string;
  error: string | null;
  cause: string | null;
  events: readonly HistoryEventJson[];
  definition?: string | null;
}): FailureSignature | null {
  if (!isGroupedStatus(execution.status)) return null;
  let state: string | null = null;
  let error = execution.error;
  let cause = execution.cause;
  if (execution.events.length > 0) {
    const rootCause = deriveRootCause(groupStateRuns(execution.events, execution.definition), execution.definition);
    if (rootCause && rootCause.state !== "") {
      state = rootCause.state;
      // a caught origin may carry no error of its own: the execution's then names the failure
      if (rootCause.error !== null || rootCause.cause !== null) {
        error = rootCause.error;
        cause = rootCause.cause;
      }
    }
  }
  return { state, error, cause: normalizeCause(cause) };
}
