import type { ExecutionSource, IngestedExecution } from "../ingest/types";
import { storedHistoryEvents, type StoredExecution } from "./get-execution";

/** A stored execution (with its history) as the ingest model, to export it. */
export function storedAsIngested(stored: StoredExecution): IngestedExecution {
  return {
    executionArn: stored.executionArn,
    name: stored.name,
    stateMachineArn: stored.stateMachine.arn,
    stateMachineName: stored.stateMachine.name,
    type: stored.type === "EXPRESS" ? "EXPRESS" : "STANDARD",
    status: stored.status,
    startDate: stored.startDate,
    stopDate: stored.stopDate,
    input: stored.input,
    output: stored.output,
    error: stored.error,
    cause: stored.cause,
    redriveCount: stored.redriveCount,
    source: stored.source as ExecutionSource,
    definition: stored.version?.definition ?? null,
    region: stored.region,
    accountId: stored.accountId,
    parentExecutionArn: stored.parentExecutionArn,
    mapRunArn: stored.mapRunArn,
    incomplete: stored.incomplete,
    events: storedHistoryEvents(stored.events),
  };
}
