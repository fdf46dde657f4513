import type { ExecutionSummary, StoredExecution } from "../db/get-execution";
import type { EventDto, ExecutionDto } from "../model/execution";

/** The stored execution as the plain data the detail components read. */
export function toExecutionDto(e: ExecutionSummary): ExecutionDto & {
  versionNumber: number | null;
  incomplete: string | null;
  stateMachineId: string;
  replayOf: { id: string; name: string } | null;
  replayCheckpoint: string | null;
  replayEdits: string | null;
  children: { id: string; name: string; status: string; mapRunArn: string | null }[];
} {
  return {
    id: e.id,
    executionArn: e.executionArn,
    name: e.name,
    stateMachineName: e.stateMachine.name,
    stateMachineId: e.stateMachine.id,
    status: e.status,
    type: e.type === "EXPRESS" ? "EXPRESS" : "STANDARD",
    startDate: e.startDate.toISOString(),
    stopDate: e.stopDate?.toISOString() ?? null,
    input: e.input,
    output: e.output,
    error: e.error,
    cause: e.cause,
    redriveCount: e.redriveCount,
    source: e.source,
    definition: e.version?.definition ?? null,
    versionNumber: e.version?.number ?? null,
    incomplete: e.incomplete,
    replayOf: e.replayOf,
    replayCheckpoint: e.replayCheckpoint,
    replayEdits: e.replayEdits,
    children: e.children,
  };
}

export function toEventDtos(e: StoredExecution): EventDto[] {
  return e.events.map((ev) => ({
    id: ev.eventId,
    previousEventId: ev.previousEventId,
    timestamp: ev.timestamp.toISOString(),
    type: ev.type,
    details: ev.details ? (JSON.parse(ev.details) as Record<string, unknown>) : null,
  }));
}
