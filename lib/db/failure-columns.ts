import { createHash } from "node:crypto";
import type { HistoryEvent } from "../asl/history/types";
import { failureSignatureOf, isGroupedStatus, type FailureSignature } from "../history/failure-signature";

/** The Execution columns the failures page groups by (all null for executions that did not fail). */
export interface FailureColumns {
  failureKey: string | null;
  failureState: string | null;
  failureError: string | null;
  failureCause: string | null;
}

const NONE: FailureColumns = { failureKey: null, failureState: null, failureError: null, failureCause: null };

/**
 * One group per state machine, failing state, error and normalized cause: the key hashes the four
 * (the machine by its ARN, so a key is the same in every store; NUL-separated; `\u0001` marks a
 * null so a null state never equals a state named "").
 */
export function failureKeyOf(stateMachineArn: string, signature: FailureSignature): string {
  const part = (value: string | null) => (value === null ? "\u0001" : value);
  return createHash("sha256")
    .update([stateMachineArn, part(signature.state), part(signature.error), part(signature.cause)].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}

export function failureColumnsFromSignature(stateMachineArn: string, signature: FailureSignature | null): FailureColumns {
  if (!signature) return NONE;
  return {
    failureKey: failureKeyOf(stateMachineArn, signature),
    failureState: signature.state,
    failureError: signature.error,
    failureCause: signature.cause,
  };
}

/** The failure columns of an execution being saved (save-execution.ts). */
export function failureColumns(
  stateMachineArn: string,
  execution: { status: string; error: string | null; cause: string | null; events: readonly HistoryEvent[]; definition: string | null },
): FailureColumns {
  if (!isGroupedStatus(execution.status)) return NONE;
  return failureColumnsFromSignature(stateMachineArn, failureSignatureOf(execution));
}
