import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db/client";
import { executionArnsStartingWith, executionIdsNamed, getExecution, storedHistoryEvents, type StoredExecution } from "../db/get-execution";
import { processHolder } from "../db/lease-holder";
import { withLeaseWaiting } from "../db/leases";
import { saveExecution } from "../db/save-execution";
import type { IngestedExecution } from "../ingest/types";
import { diffExecutions, type ExecutionDiff } from "./diff-executions";
import type { ReplayEvent } from "./history-threads";
import type { MissedCall } from "./recorded-task-invoker";
import { replayExecution, type ReplayEdits, type ReplayOptions, type ReplayOutcome, type ReplaySource } from "./replay-execution";
import { jsonText } from "../asl/evaluate/stringify-json";
import { ReplayRequestError } from "./replay-errors";

/** A stored execution by id, ARN or name (a name must be unambiguous). */
export async function findStoredExecution(db: Db, ref: string): Promise<StoredExecution | null> {
  const direct = await getExecution(db, ref);
  if (direct) return direct;
  const named = await executionIdsNamed(db, ref);
  if (named.length > 1) throw new Error(`several executions are named "${ref}": give its id or ARN`);
  return named.length ? getExecution(db, named[0]) : null;
}

/** The stored history rows as history events. */
export function storedEvents(stored: Pick<StoredExecution, "events">): ReplayEvent[] {
  return storedHistoryEvents(stored.events);
}

/** A stored execution as a replay source; throws when it has no definition to replay. */
export function sourceFromStored(stored: StoredExecution): ReplaySource {
  const definition = stored.version?.definition;
  if (!definition)
    throw new ReplayRequestError(
      "(execution)",
      `execution ${stored.name} has no stored definition, so it cannot be replayed (import it with its state machine definition)`,
    );
  return {
    executionArn: stored.executionArn,
    name: stored.name,
    stateMachineArn: stored.stateMachine.arn,
    stateMachineName: stored.stateMachine.name,
    definition,
    input: stored.input,
    startDate: stored.startDate,
    status: stored.status,
    redriveCount: stored.redriveCount,
    events: storedEvents(stored),
  };
}

export interface StoredReplayOptions extends ReplayOptions {
  /** Save the replay as a new execution (default true). */
  store?: boolean;
  /** Who asked, for the audit log (`cli:<user>`, a user name, ...). */
  actor?: string;
  ip?: string | null;
  /** Runs the replay (default replayExecution on this thread; servers run it bounded, in a worker). */
  runner?: (source: ReplaySource, options: ReplayOptions) => Promise<ReplayOutcome>;
}

export interface StoredReplay {
  original: { id: string; name: string; executionArn: string; status: string };
  replay: {
    /** Set when the replay was stored. */
    id: string | null;
    name: string;
    executionArn: string;
    status: string;
    output?: unknown;
    error?: string;
    cause?: string;
    checkpoint: { eventId: number; stateName: string; label: string } | null;
    edits: ReplayEdits | null;
    answered: number;
    missed: readonly MissedCall[];
  };
  diff: ExecutionDiff;
}

/** `ProcessPayment (event 12)`, or `start`. */
export function checkpointLabel(outcome: Pick<ReplayOutcome, "checkpoint">): string {
  return outcome.checkpoint ? `${outcome.checkpoint.label} (event ${outcome.checkpoint.eventId})` : "start";
}

/** The next free `<original>-replay-<n>` name and ARN. */
async function replayIdentity(db: Db, original: StoredExecution): Promise<{ name: string; executionArn: string }> {
  const prefix = `${original.executionArn}-replay-`;
  const taken = await executionArnsStartingWith(db, prefix);
  let n = 1;
  for (const arn of taken) {
    const m = /^(\d+)$/.exec(arn.slice(prefix.length));
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return { name: `${original.name}-replay-${n}`, executionArn: `${prefix}${n}` };
}

function asIngested(
  original: StoredExecution,
  outcome: ReplayOutcome,
  identity: { name: string; executionArn: string },
): IngestedExecution {
  const inputEdited = !outcome.checkpoint && outcome.edits !== null && ("input" in outcome.edits || "patch" in outcome.edits);
  return {
    executionArn: identity.executionArn,
    name: identity.name,
    stateMachineArn: original.stateMachine.arn,
    stateMachineName: original.stateMachine.name,
    type: original.type === "EXPRESS" ? "EXPRESS" : "STANDARD",
    status: outcome.status,
    startDate: outcome.startDate,
    stopDate: outcome.stopDate,
    input: inputEdited ? (jsonText(outcome.input) ?? null) : original.input,
    output: outcome.status === "SUCCEEDED" ? (jsonText(outcome.output ?? null) ?? null) : null,
    error: outcome.error ?? null,
    cause: outcome.cause ?? null,
    redriveCount: 0,
    source: "replay",
    definition: outcome.definition,
    region: original.region,
    accountId: original.accountId,
    events: outcome.events,
  };
}

/**
 * Replays a stored execution, compares the replay with it and (unless `store: false`) saves the
 * replay as a new execution `<original>-replay-<n>` linked to the original, with the checkpoint
 * and the edits; the audit log records who replayed what.
 */
export async function replayStored(db: Db, ref: string | StoredExecution, options: StoredReplayOptions = {}): Promise<StoredReplay> {
  // a caller that has loaded the execution (the replay route) hands it over: its history is read once
  const original = typeof ref === "string" ? await findStoredExecution(db, ref) : ref;
  if (!original) throw new Error(`no stored execution has the id, ARN or name "${ref as string}"`);
  const source = sourceFromStored(original);
  const outcome = await (options.runner ?? replayExecution)(source, options);
  const diff = diffExecutions(
    { status: original.status, events: source.events, definition: source.definition },
    { status: outcome.status, events: outcome.events, definition: outcome.definition },
  );
  let identity = await replayIdentity(db, original);
  let id: string | null = null;
  if (options.store !== false) {
    const edits = outcome.edits ? jsonText({ ...outcome.edits, ...(outcome.edits.definition ? { definition: true } : {}) }) : undefined;
    const checkpoint = checkpointLabel(outcome);
    // Replays of one execution saved at the same time (several app instances, CLI runs) would pick
    // the same `-replay-<n>` and overwrite each other: picking the number and saving take turns.
    ({ identity, id } = await withLeaseWaiting(db, `replay:${original.executionArn}`, processHolder(), 20_000, async () => {
      const free = await replayIdentity(db, original);
      const saved = await saveExecution(db, asIngested(original, outcome, free), {
        replayOfId: original.id,
        replayCheckpoint: checkpoint,
        replayEdits: edits,
      });
      return { identity: free, id: saved.id };
    }));
    await recordAudit(db, {
      actor: options.actor ?? "unknown",
      action: "replay",
      target: original.executionArn,
      details: {
        replayId: id,
        replayArn: identity.executionArn,
        checkpoint,
        edits: outcome.edits ? Object.keys(outcome.edits) : [],
        status: outcome.status,
      },
      ip: options.ip ?? null,
    }).catch((error: unknown) => console.error(`statelens: audit log: ${(error as Error).message}`));
  }
  return {
    original: { id: original.id, name: original.name, executionArn: original.executionArn, status: original.status },
    replay: {
      id,
      name: identity.name,
      executionArn: identity.executionArn,
      status: outcome.status,
      output: outcome.output,
      error: outcome.error,
      cause: outcome.cause,
      checkpoint: outcome.checkpoint
        ? { eventId: outcome.checkpoint.eventId, stateName: outcome.checkpoint.stateName, label: outcome.checkpoint.label }
        : null,
      edits: outcome.edits,
      answered: outcome.answered,
      missed: outcome.missed,
    },
    diff,
  };
}

/** Compares two stored executions (`/api/compare`). */
export async function compareStored(
  db: Db,
  a: string,
  b: string,
): Promise<{ a: StoredExecution; b: StoredExecution; diff: ExecutionDiff } | { missing: string }> {
  const [left, right] = await Promise.all([findStoredExecution(db, a), findStoredExecution(db, b)]);
  if (!left) return { missing: a };
  if (!right) return { missing: b };
  const diff = diffExecutions(
    { status: left.status, events: storedEvents(left), definition: left.version?.definition },
    { status: right.status, events: storedEvents(right), definition: right.version?.definition },
  );
  return { a: left, b: right, diff };
}
