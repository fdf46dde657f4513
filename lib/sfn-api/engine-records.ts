import type { HistoryEvent } from "../asl";
import type { TokenOutcome } from "../asl/evaluate/token-registry";
import type { LocalExecution } from "./sfn-types";

/**
 * The local engine's durable state as records: one per state machine, version, version counter,
 * alias, tag set, activity and Standard execution, each a JSON body under (kind, key). What is
 * written here is read back by `reviveBody` after a restart (see durable-state.ts).
 */
export type EngineRecordKind = "machine" | "version" | "version-counter" | "alias" | "tags" | "activity" | "execution";

export interface EngineRecord {
  kind: EngineRecordKind;
  key: string;
  /** JSON text; Dates as ISO-8601. */
  body: string;
}

/** A change to write: `body: null` deletes the record. */
export interface EngineChange {
  kind: EngineRecordKind;
  key: string;
  body: string | null;
}

/**
 * Where the local engine keeps its state between runs (lib/db's EngineRecord table, or memory in
 * tests). `write` applies a batch all or nothing; `load` reads what the last writes left.
 */
export interface EngineJournal {
  load(): Promise<EngineRecord[]>;
  write(changes: readonly EngineChange[]): Promise<void>;
}

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
