/**
 * The local engine's durable state as records: one per state machine, version, version counter,
 * alias, tag set, activity and Standard execution, each a JSON body under (kind, key). What is
 * written here is read back by lib/sfn-api/engine-records.ts (`reviveBody`) after a restart.
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
 * tests; lib/db/engine-journal.ts, lib/sfn-api/durable-state.ts). `write` applies a batch all or nothing; `load` reads what the last writes left.
 */
export interface EngineJournal {
  load(): Promise<EngineRecord[]>;
  write(changes: readonly EngineChange[]): Promise<void>;
}
