import type { HistoryEvent } from "../asl";
import type { TokenOutcome } from "../asl/evaluate/token-registry";
import type { LocalExecution } from "./sfn-types";

export type { EngineChange, EngineJournal, EngineRecord, EngineRecordKind } from "../model/engine-journal";

/** An execution as its record holds it: its fields, without the live engine's parts. */
export interface ExecutionRecord extends Pick<
  LocalExecution,
  | "executionArn"
  | "name"
  | "stateMachine"
  | "input"
  | "status"
  | "startDate"
  | "stopDate"
  | "output"
  | "error"
  | "cause"
  | "seq"
  | "stateMachineVersionArn"
  | "stateMachineAliasArn"
  | "redriveCount"
  | "redriveDate"
> {
  /** The history so far (RUNNING) or whole. */
  events: HistoryEvent[];
  /**
   * RUNNING: the execution's clock (virtual ms) and the wall clock (ms) at one instant, so a
   * resumed run counts the time that passed while the engine was down.
   */
  clock?: { virtual: number; wall: number };
  /** RUNNING: SendTaskSuccess/Failure answers accepted but perhaps not yet in `events`, by token. */
  answers?: Record<string, TokenOutcome>;
}

const DATE_KEYS = new Set(["creationDate", "updateDate", "startDate", "stopDate", "redriveDate", "timestamp"]);

/** JSON.parse with the Dates the records hold brought back. */
export function reviveBody<T>(body: string): T {
  return JSON.parse(body, (key, value: unknown) =>
    DATE_KEYS.has(key) && typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value) : value,
  ) as T;
}

export function executionRecord(execution: LocalExecution, clock?: ExecutionRecord["clock"], answers?: Map<string, TokenOutcome>) {
  const record: ExecutionRecord = {
    executionArn: execution.executionArn,
    name: execution.name,
    stateMachine: execution.stateMachine,
    input: execution.input,
    status: execution.status,
    startDate: execution.startDate,
    stopDate: execution.stopDate,
    output: execution.output,
    error: execution.error,
    cause: execution.cause,
    seq: execution.seq,
    stateMachineVersionArn: execution.stateMachineVersionArn,
    stateMachineAliasArn: execution.stateMachineAliasArn,
    redriveCount: execution.redriveCount,
    redriveDate: execution.redriveDate,
    events: [...execution.events()],
  };
  if (clock) record.clock = clock;
  if (answers?.size) record.answers = Object.fromEntries(answers);
  return record;
}
