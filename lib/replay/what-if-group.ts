import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db/client";
import { getExecution } from "../db/get-execution";
import { replayExecution, type ReplayOptions, type ReplayOutcome, type ReplaySource } from "./replay-execution";
import type { MissingRule } from "./missing-rule";
import { sourceFromStored } from "./replay-store";
import type { WhatIfRow } from "./what-if";

/** What a what-if over a failure group changes: every execution's definition, input, or both. */
export interface GroupWhatIfEdits {
  /** the definition to run instead of the recorded one (JSON text) */
  definition?: string;
  /** the input every execution runs with instead of its own (any JSON value) */
  input?: unknown;
}

export type GroupWhatIfEvent =
  | { type: "start"; total: number }
  | { type: "row"; done: number; total: number; row: WhatIfRow }
  | { type: "done"; summary: GroupWhatIfSummary };

export interface GroupWhatIfSummary {
  total: number;
  /** did not succeed before, succeed now */
  nowSucceed: number;
  /** still end in something other than success */
  stillFail: number;
  /** could not be replayed (no definition, a replay error) */
  problems: number;
}

export interface GroupWhatIfOptions extends GroupWhatIfEdits {
  /** runs one replay (servers: replayBounded, in the replay worker) */
  runner?: (source: ReplaySource, options: ReplayOptions) => Promise<ReplayOutcome>;
  /** answers task calls a recording cannot, per execution (default "fail"; servers: defaultMissingRule) */
  missingRule?: (execution: { stateMachineName: string; source: string }) => MissingRule;
  /** for the audit entry written when the run ends */
  audit?: { actor: string; ip?: string | null; group: string };
}

/**
 * Replays each execution of a failure group with the edits, one after another, answering task
 * calls from each recording (nothing is stored), and yields a row per execution as it finishes so
 * a page can show progress. Ends with a summary, and an audit entry `what-if` when `audit` is given.
 */
export async function* whatIfGroup(db: Db, ids: readonly string[], options: GroupWhatIfOptions): AsyncGenerator<GroupWhatIfEvent> {
  const runner = options.runner ?? replayExecution;
  const rows: WhatIfRow[] = [];
  let stateMachine = "";
  yield { type: "start", total: ids.length };
  for (const id of ids) {
    const stored = await getExecution(db, id);
    const row: WhatIfRow = { id, name: stored?.name ?? id, before: stored?.status ?? "MISSING", after: "ERROR" };
    if (!stored) row.problem = "the execution is no longer stored";
    else {
      stateMachine ||= stored.stateMachine.name;
      try {
        const outcome = await runner(sourceFromStored(stored), {
          ...(options.definition !== undefined ? { definition: options.definition } : {}),
          ...(Object.hasOwn(options, "input") ? { input: options.input } : {}),
          onMissing: options.missingRule?.({ stateMachineName: stored.stateMachine.name, source: stored.source }) ?? "fail",
        });
        row.after = outcome.status;
        if (outcome.error) row.error = outcome.error;
      } catch (error) {
        row.problem = error instanceof Error ? error.message : String(error);
      }
    }
    rows.push(row);
    yield { type: "row", done: rows.length, total: ids.length, row };
  }
  const summary: GroupWhatIfSummary = {
    total: rows.length,
    nowSucceed: rows.filter((r) => r.before !== "SUCCEEDED" && r.after === "SUCCEEDED").length,
    stillFail: rows.filter((r) => !r.problem && r.after !== "SUCCEEDED").length,
    problems: rows.filter((r) => r.problem).length,
  };
  if (options.audit) {
    await recordAudit(db, {
      actor: options.audit.actor,
      action: "what-if",
      target: stateMachine || null,
      ip: options.audit.ip ?? null,
      details: {
        group: options.audit.group,
        executions: rows.length,
        definitionEdited: options.definition !== undefined,
        inputEdited: Object.hasOwn(options, "input"),
        ...summary,
      },
    });
  }
  yield { type: "done", summary };
}
