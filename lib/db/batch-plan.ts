import { newId, sameState, type ExecutionRows, type SqlValue } from "./execution-rows";
import type { ExecutionContribution, StateRunContribution } from "./over-time-buckets";
import type { SaveOutcome } from "./write-execution-sqlite";

/** An execution stored before the batch, as read (locked) at its start. */
export interface StoredExecution {
  id: string;
  state: ExecutionRows["state"];
  /** its share of the over-time buckets; null for a replay, which has none */
  contribution: ExecutionContribution | null;
}

/** Which executions of a batch are written, and the outcome and id each save answers. */
export interface BatchDecision {
  results: { outcome: SaveOutcome; id: string }[];
  /** indexes into the batch of the executions that are written, in order */
  written: number[];
}

/**
 * The outcomes of saving `batch` in order, one save after another, without writing anything: an
 * execution is unchanged when the one stored before it (in the store, or earlier in the batch)
 * has its state (sameState), else inserted (a new id) or updated (the stored id).
 */
export function decideBatch(batch: readonly ExecutionRows[], stored: ReadonlyMap<string, StoredExecution>): BatchDecision {
  const current = new Map<string, { id: string; state: ExecutionRows["state"] }>(stored);
  const results: BatchDecision["results"] = [];
  const written: number[] = [];
  batch.forEach((rows, index) => {
    const found = current.get(rows.executionArn);
    if (found && sameState(found.state, rows)) {
      results.push({ outcome: "unchanged", id: found.id });
      return;
    }
    const id = found?.id ?? newId();
    current.set(rows.executionArn, { id, state: rows.state });
    results.push({ outcome: found ? "updated" : "inserted", id });
    written.push(index);
  });
  return { results, written };
}

/** The machine and version ids of a written execution. */
export interface OwnerIds {
  stateMachineId: string;
  versionId: string | null;
}

/** One Execution row as the batch leaves it, with the history of the last version written. */
export interface MergedExecution {
  id: string;
  executionArn: string;
  /** in the store before the batch (then UPDATE, and its old events and runs are deleted), else INSERT */
  stored: boolean;
  /** every column any written version set, the last one's value winning (what successive UPDATEs leave) */
  columns: [column: string, value: SqlValue][];
  owner: OwnerIds;
  events: SqlValue[][];
  stateRuns: SqlValue[][];
}

/** What the buckets gain and lose over the batch (summed into one upsert per bucket by the writer). */
export interface BatchContributions {
  added: { executions: ExecutionContribution[]; runs: StateRunContribution[] };
  removed: { executions: ExecutionContribution[]; runs: StateRunContribution[] };
}

/**
 * Folds the written versions of each execution into the one row and history the batch leaves,
 * and lists every bucket change the saves one by one would make: each written version adds its
 * contribution, and removes the one it replaces (stored before the batch, with `storedRuns` its
 * state runs by execution id, or written earlier in the batch). `owners` are the ids of the
 * written executions' machines and versions, in `decision.written` order.
 */
export function mergeBatch(
  batch: readonly ExecutionRows[],
  decision: BatchDecision,
  owners: readonly OwnerIds[],
  stored: ReadonlyMap<string, StoredExecution>,
  storedRuns: ReadonlyMap<string, StateRunContribution[]>,
): { executions: MergedExecution[]; contributions: BatchContributions } {
  const byArn = new Map<string, MergedExecution & { last: { contribution: ExecutionContribution | null; runs: StateRunContribution[] } }>();
  const contributions: BatchContributions = { added: { executions: [], runs: [] }, removed: { executions: [], runs: [] } };
  decision.written.forEach((index, n) => {
    const rows = batch[index];
    const owner = owners[n];
    const contribution = rows.contribution ? { ...rows.contribution, ...owner } : null;
    const runs = contribution ? rows.runs.map((r) => ({ ...r, ...owner })) : [];
    const before = byArn.get(rows.executionArn);
    const old = stored.get(rows.executionArn);
    const replaced = before
      ? before.last
      : old && { contribution: old.contribution, runs: old.contribution ? (storedRuns.get(old.id) ?? []) : [] };
    if (replaced?.contribution) {
      contributions.removed.executions.push(replaced.contribution);
      contributions.removed.runs.push(...replaced.runs);
    }
    if (contribution) {
      contributions.added.executions.push(contribution);
      contributions.added.runs.push(...runs);
    }
    const columns = new Map(before?.columns);
    for (const [column, value] of rows.execution) columns.set(column, value);
    byArn.set(rows.executionArn, {
      id: decision.results[index].id,
      executionArn: rows.executionArn,
      stored: !!old,
      columns: [...columns],
      owner,
      events: rows.events,
      stateRuns: rows.stateRuns,
      last: { contribution, runs },
    });
  });
  const executions = [...byArn.values()].map(({ last: _last, ...merged }) => merged);
  return { executions, contributions };
}
