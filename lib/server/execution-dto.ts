import { storedHistoryEvents, type ExecutionSummary, type StoredExecution } from "../db/get-execution";
import { toEventDto, type EventDto, type ExecutionDto } from "../model/execution";

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

/** The stored history as the API sends it (AWS's HistoryEvent as JSON). */
export function toEventDtos(e: StoredExecution): EventDto[] {
  return storedHistoryEvents(e.events).map((event) => toEventDto({ ...event }));
}
