import { createHash } from "node:crypto";
import { detailsOf, type HistoryEvent } from "../asl/history/types";
import { deriveStateRuns } from "../history/derive-state-runs";
import { buildSearchText } from "../history/search-text";
import type { IngestedExecution } from "../ingest/types";
import { boolValue, bulkInsert, dateValue, providerOf } from "./bulk-insert";
import { pgSchemaOf, type Db } from "./client";
import { applyContribution, removeStoredContribution } from "./over-time-buckets";
import { jsonText } from "../asl/evaluate/stringify-json";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type SaveOutcome = "inserted" | "updated" | "unchanged";


/**
 * Stores one execution with its history in one transaction. Idempotent by executionArn: the same
 * execution again is "unchanged"; a changed status, redrive count or event count replaces the
 * stored history ("updated"). Nothing is half-stored: any error rolls the whole execution back.
 */
export async function saveExecution(db: Db, execution: IngestedExecution, options: { replayOfId?: string; replayCheckpoint?: string; replayEdits?: string } = {}): Promise<{ outcome: SaveOutcome; id: string }> {
  const existing = await db.execution.findUnique({
    where: { executionArn: execution.executionArn },
    select: { id: true, status: true, redriveCount: true, eventCount: true, incomplete: true },
  });
  if (
    existing &&
    existing.status === execution.status &&
    existing.redriveCount === execution.redriveCount &&
    existing.eventCount === execution.events.length &&
    (existing.incomplete ?? null) === (execution.incomplete ?? null)
  ) {
    return { outcome: "unchanged", id: existing.id };
  }
  let learned: (() => void) | null = null;
  // The row as this save found it; a retry after a unique-key race reads it again (the winner's row).
  let stored: { id: string } | null = existing;
  let attempt = 0;
  const id = await withUniqueRetry(db, () => db.$transaction(
    async (tx) => {
      if (++attempt > 1) stored = await tx.execution.findUnique({ where: { executionArn: execution.executionArn }, select: { id: true } });
      const known = knownIds(db);
      const definitionHash = execution.definition ? createHash("sha256").update(execution.definition).digest("hex") : null;
      let machine = known.machines.get(execution.stateMachineArn);
      if (!machine) {
        machine = await tx.stateMachine.upsert({
          where: { arn: execution.stateMachineArn },
          create: {
            arn: execution.stateMachineArn,
            name: execution.stateMachineName,
            type: execution.type,
            region: execution.region ?? null,
            accountId: execution.accountId ?? null,
          },
          update: {},
          select: { id: true },
        });
      }
      const versionKey = `${machine.id}\u0000${definitionHash}`;
      const versionId = definitionHash ? known.versions.get(versionKey) ?? (await versionFor(tx, machine.id, execution, definitionHash)) : null;
      learned = () => {
        known.machines.set(execution.stateMachineArn, machine);
        if (versionId) known.versions.set(versionKey, versionId);
      };
      const durationMs = execution.stopDate ? execution.stopDate.getTime() - execution.startDate.getTime() : null;
      const data = {
        name: execution.name,
        stateMachineId: machine.id,
        versionId,
        type: execution.type,
        status: execution.status,
        startDate: execution.startDate,
        stopDate: execution.stopDate,
        durationMs,
        input: execution.input,
        output: execution.output,
        error: execution.error,
        cause: execution.cause,
        redriveCount: execution.redriveCount,
        source: execution.source,
        region: execution.region ?? null,
        accountId: execution.accountId ?? null,
        incomplete: execution.incomplete ?? null,
        eventCount: execution.events.length,
        parentExecutionArn: execution.parentExecutionArn ?? null,
        mapRunArn: execution.mapRunArn ?? null,
        searchText: buildSearchText(execution.name, [execution.input, execution.output, execution.error, execution.cause], execution.events),
        ...(options.replayOfId ? { replayOfId: options.replayOfId, replayCheckpoint: options.replayCheckpoint ?? null, replayEdits: options.replayEdits ?? null } : {}),
      };
      let executionId: string;
      if (stored) {
        await removeStoredContribution(tx, pgSchemaOf(db), [stored.id]);
        await tx.historyEvent.deleteMany({ where: { executionId: stored.id } });
        await tx.stateRun.deleteMany({ where: { executionId: stored.id } });
        await tx.execution.update({ where: { id: stored.id }, data });
        executionId = stored.id;
      } else {
        executionId = (await tx.execution.create({ data: { executionArn: execution.executionArn, ...data }, select: { id: true } })).id;
      }
      const provider = providerOf(db);
      const rows = eventRows(executionId, execution.events).map((r) => [r.executionId, r.eventId, r.previousEventId, dateValue(r.timestamp, provider), r.type, r.stateName, r.details]);
      await bulkInsert(tx, provider, "HistoryEvent", ["executionId", "eventId", "previousEventId", "timestamp", "type", "stateName", "details"], rows, pgSchemaOf(db));
      const derived = deriveStateRuns(execution.events);
      const runs = derived.map((run) => [
        executionId,
        machine.id,
        versionId,
        run.stateName,
        run.stateType,
        dateValue(run.startDate, provider),
        run.stopDate ? run.stopDate.getTime() - run.startDate.getTime() : null,
        run.attempts,
        boolValue(run.failed, provider),
        boolValue(run.caught, provider),
        run.error,
      ]);
      await bulkInsert(tx, provider, "StateRun", ["executionId", "stateMachineId", "versionId", "stateName", "stateType", "startDate", "durationMs", "attempts", "failed", "caught", "error"], runs, pgSchemaOf(db));
      if (execution.source !== "replay") {
        const runsOf = derived.map((run) => ({ ...run, stateMachineId: machine.id, versionId }));
        await applyContribution(tx, pgSchemaOf(db), [{ ...data, stateMachineId: machine.id }], runsOf, 1);
      }
      return executionId;
    },
    { timeout: 120_000, maxWait: 60_000 },
  ));
  (learned as (() => void) | null)?.();
  return { outcome: stored ? "updated" : "inserted", id };
}

async function versionFor(tx: Tx, stateMachineId: string, execution: IngestedExecution, hash: string): Promise<string> {
  const definition = execution.definition!;
  const found = await tx.stateMachineVersion.findUnique({ where: { stateMachineId_hash: { stateMachineId, hash } }, select: { id: true } });
  if (found) return found.id;
  const last = await tx.stateMachineVersion.findFirst({ where: { stateMachineId }, orderBy: { number: "desc" }, select: { number: true } });
  const created = await tx.stateMachineVersion.create({
    data: {
      stateMachineId,
      hash,
      number: (last?.number ?? 0) + 1,
      definition,
      versionArn: execution.stateMachineVersionArn ?? null,
      revisionId: execution.revisionId ?? null,
    },
    select: { id: true },
  });
  return created.id;
}

function eventRows(executionId: string, events: readonly HistoryEvent[]) {
  const stateOf = new Map<number, string | null>();
  return events.map((event) => {
    const details = detailsOf(event);
    const named = typeof details?.name === "string" && /State(Entered|Exited)$/.test(event.type) ? (details.name as string) : undefined;
    const stateName = named ?? stateOf.get(event.previousEventId) ?? null;
    stateOf.set(event.id, event.type.endsWith("StateExited") ? null : stateName);
    return {
      executionId,
      eventId: event.id,
      previousEventId: event.previousEventId,
      timestamp: event.timestamp,
      type: event.type,
      stateName: named ?? stateName,
      details: details === undefined ? null : (jsonText(details) ?? null),
    };
  });
}

/**
 * Concurrent saves of executions of a state machine not stored yet race on its unique ARN (and
 * on the version number): the loser's transaction rolls back whole, so running it again, now
 * finding the winner's row, is safe.
 */
async function withUniqueRetry<T>(db: Db, work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === "P2003") forgetKnownIds(db); // a cached state machine or version row is gone
      if ((code !== "P2002" && code !== "P2003") || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 10 * i + Math.floor(Math.random() * 20)));
    }
  }
}

/**
 * State machine and version ids already stored through this client, so ingesting many executions
 * of one machine does not look them up again each time. Filled only after a transaction commits;
 * dropped whole when a save fails on a foreign key (a row deleted behind our back).
 */
interface KnownIds {
  machines: Map<string, { id: string }>;
  versions: Map<string, string>;
}
const knownByClient = new WeakMap<object, KnownIds>();

function knownIds(db: Db): KnownIds {
  let known = knownByClient.get(db);
  if (!known) {
    known = { machines: new Map(), versions: new Map() };
    knownByClient.set(db, known);
  }
  return known;
}

export function forgetKnownIds(db: Db): void {
  knownByClient.delete(db);
}
