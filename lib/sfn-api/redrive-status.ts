import type { LocalExecution } from "./sfn-types";

/** AWS redrives an execution within 14 days of its stop. */
const REDRIVABLE_MS = 14 * 24 * 3600 * 1000;
/** ... and at most 1000 times. */
const MAX_REDRIVES = 1000;
/** AWS's history limit: an execution at it cannot go on. */
const MAX_EVENTS = 25_000;
const REDRIVABLE_STATUSES = new Set(["FAILED", "TIMED_OUT", "ABORTED"]);

/** Why an execution cannot be redriven now (DescribeExecution's redriveStatusReason), or undefined. */
export function notRedrivableReason(execution: LocalExecution, now: Date): string | undefined {
  if (!REDRIVABLE_STATUSES.has(execution.status)) return `Execution is ${execution.status} and cannot be redriven`;
  if (execution.stateMachine.type === "EXPRESS") return "Execution type is EXPRESS and cannot be redriven";
  if (execution.stopDate && now.getTime() - execution.stopDate.getTime() > REDRIVABLE_MS) return "Execution redrivable period exceeded";
  if ((execution.redriveCount ?? 0) >= MAX_REDRIVES) return "Execution redrive count exceeded";
  if (execution.events().length >= MAX_EVENTS) return "Execution history event limit exceeded";
  return undefined;
}

/** DescribeExecution's redrive fields. */
export function redriveFields(execution: LocalExecution, now: Date) {
  const reason = notRedrivableReason(execution, now);
  return {
    redriveCount: execution.redriveCount ?? 0,
    ...(execution.redriveDate ? { redriveDate: execution.redriveDate } : {}),
    redriveStatus: reason ? "NOT_REDRIVABLE" : "REDRIVABLE",
    ...(reason ? { redriveStatusReason: reason } : {}),
  };
}
