import type { Db } from "../db/client";
import type { TaskInvoker } from "../asl/ports";
import { executionIdsOf, findStateMachine, getExecution } from "../db/get-execution";
import type { MissingRule } from "./missing-rule";
import { replayExecution } from "./replay-execution";
import { sourceFromStored } from "./replay-store";

export interface WhatIfOptions {
  /** State machine name or ARN. */
  stateMachine: string;
  /** The new definition (JSON text). */
  definition: string;
  since?: Date;
  /** Only executions with this status (e.g. FAILED). */
  status?: string;
  onMissing?: MissingRule;
  /** Answers `onMissing: "examples"` (see ReplayOptions.exampleHandlers). */
  exampleHandlers?: () => TaskInvoker;
  onProgress?: (done: number, total: number, name: string) => void;
}

export interface WhatIfRow {
  id: string;
  name: string;
  before: string;
  after: string;
  error?: string;
  /** Set when the execution could not be replayed at all. */
  problem?: string;
}

export interface WhatIfReport {
  stateMachine: string;
  total: number;
  /** Executions that did not succeed before and succeed with the new definition. */
  nowSucceed: WhatIfRow[];
  /** Executions that succeeded before and no longer do. */
  nowFail: WhatIfRow[];
  unchanged: number;
  rows: WhatIfRow[];
}

/**
 * Replays every stored execution of a state machine (optionally since a date, with a status)
 * against a new definition, answering task calls from each recording, and reports which
 * executions change outcome. Nothing is stored. Replays of replays are left out.
 */
export async function whatIf(db: Db, options: WhatIfOptions): Promise<WhatIfReport> {
  const machine = await findStateMachine(db, options.stateMachine);
  if (!machine) throw new Error(`no stored state machine is named "${options.stateMachine}"`);
  const ids = await executionIdsOf(db, machine.id, { since: options.since, status: options.status });
  const rows: WhatIfRow[] = [];
  for (const [index, id] of ids.entries()) {
    const stored = await getExecution(db, id);
    if (!stored) continue;
    options.onProgress?.(index + 1, ids.length, stored.name);
    const row: WhatIfRow = { id, name: stored.name, before: stored.status, after: "ERROR" };
    try {
      const outcome = await replayExecution(sourceFromStored(stored), {
        definition: options.definition,
        onMissing: options.onMissing,
        exampleHandlers: options.exampleHandlers,
      });
      row.after = outcome.status;
      if (outcome.error) row.error = outcome.error;
    } catch (error) {
      row.problem = (error as Error).message;
    }
    rows.push(row);
  }
  return {
    stateMachine: machine.name,
    total: rows.length,
    nowSucceed: rows.filter((r) => r.before !== "SUCCEEDED" && r.after === "SUCCEEDED"),
    nowFail: rows.filter((r) => r.before === "SUCCEEDED" && r.after !== "SUCCEEDED"),
    unchanged: rows.filter((r) => r.before === r.after).length,
    rows,
  };
}
