import type { HistoryEvent } from "../asl/history/types";
import type { ExecutionSource, IngestedExecution } from "../ingest/types";

export interface LocalRunResult {
  status: string;
  output?: unknown;
  error?: string;
  cause?: string;
  events: readonly HistoryEvent[];
  startDate: Date;
  stopDate: Date;
}

export interface LocalRunIdentity {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  definition: string;
  input: unknown;
  source?: ExecutionSource;
  type?: "STANDARD" | "EXPRESS";
}

/** A finished local-engine run, in the shape ingestion stores. */
export function executionFromResult(result: LocalRunResult, id: LocalRunIdentity): IngestedExecution {
  return {
    executionArn: id.executionArn,
    name: id.name,
    stateMachineArn: id.stateMachineArn,
    stateMachineName: id.stateMachineName,
    type: id.type ?? "STANDARD",
    status: result.status,
    startDate: result.startDate,
    stopDate: result.status === "RUNNING" ? null : result.stopDate,
    input: JSON.stringify(id.input ?? null),
    output: result.status === "SUCCEEDED" ? JSON.stringify(result.output ?? null) : null,
    error: result.error ?? null,
    cause: result.cause ?? null,
    redriveCount: 0,
    source: id.source ?? "local",
    definition: id.definition,
    region: "local",
    accountId: "000000000000",
    events: [...result.events],
  };
}
