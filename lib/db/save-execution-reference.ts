import { createHash } from "node:crypto";
import { detailsOf, type HistoryEvent } from "../asl/history/types";
import { deriveStateRuns } from "../history/derive-state-runs";
import { buildSearchText } from "../history/search-text";
import { failureColumns } from "./failure-columns";
import type { IngestedExecution } from "../ingest/types";
import { bulkInsert, dateValue, providerOf } from "./bulk-insert";
import { pgSchemaOf, type Db } from "./client";
import { applyContribution, removeStoredContribution } from "./over-time-buckets";
import { jsonText } from "../asl/evaluate/stringify-json";
import { retryWrite } from "./retry-write";
import { insertStateRuns } from "./state-run-rows";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type SaveOutcome = "inserted" | "updated" | "unchanged";

/**
 * The ORM write path as it was before lib/db/save-execution.ts wrote through the drivers, kept
 * unchanged (apart from its name) for one reason: save-execution.rows.test.ts stores a corpus of
 * histories through both and compares every table row by row, so the fast path provably writes
 * what this one wrote. Nothing else imports it.
 *
 * Stores one execution with its history in one transaction. Idempotent by executionArn: the same
 * execution again is "unchanged"; a changed status, redrive count or event count replaces the
 * stored history ("updated"). Nothing is half-stored: any error rolls the whole execution back.
 */
export async function saveExecutionReference(
  db: Db,
  execution: IngestedExecution,
  options: { replayOfId?: string; replayCheckpoint?: string; replayEdits?: string } = {},
): Promise<{ outcome: SaveOutcome; id: string }> {
  const existing = await db.execution.findUnique({
    where: { executionArn: execution.executionArn },
    select: { id: true, status: true, redriveCount: true, eventCount: true, incomplete: true },
  });
  if (existing && sameState(existing, execution)) return { outcome: "unchanged", id: existing.id };
  let learned: (() => void) | null = null;
  // The row as the transaction found it: read again inside, since another writer may have stored
  // this execution since the check above (or since an attempt that lost a race).
  let stored: { id: string } | null = null;
  let unchanged = false;
  const id = await retryWrite(
    () =>
      db.$transaction(
        async (tx) => {
          learned = null; // ids learned by an attempt that rolled back are not stored
          const current = await tx.execution.findUnique({
            where: { executionArn: execution.executionArn },
            select: { id: true, status: true, redriveCount: true, eventCount: true, incomplete: true },
          });
          stored = current;
          unchanged = !!current && sameState(current, execution);
          if (current && unchanged) return current.id;
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
          const versionId = definitionHash
            ? (known.versions.get(versionKey) ?? (await versionFor(tx, machine.id, execution, definitionHash)))
            : null;
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
            searchText: buildSearchText(
              execution.name,
              [execution.input, execution.output, execution.error, execution.cause],
              execution.events,
            ),
            // the failures page's group (failure-columns.ts)
            ...failureColumns(execution.stateMachineArn, execution),
            ...(options.replayOfId
              ? {
                  replayOfId: options.replayOfId,
                  replayCheckpoint: options.replayCheckpoint ?? null,
                  replayEdits: options.replayEdits ?? null,
                }
              : {}),
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
          const rows = eventRows(executionId, execution.events).map((r) => [
            r.executionId,
            r.eventId,
            r.previousEventId,
            dateValue(r.timestamp, provider),
            r.type,
            r.stateName,
            r.details,
          ]);
          await bulkInsert(
            tx,
            provider,
            "HistoryEvent",
            ["executionId", "eventId", "previousEventId", "timestamp", "type", "stateName", "details"],
            rows,
            pgSchemaOf(db),
          );
          const derived = deriveStateRuns(execution.events);
          await insertStateRuns(tx, provider, pgSchemaOf(db), { executionId, stateMachineId: machine.id, versionId }, derived);
          if (execution.source !== "replay") {
            const runsOf = derived.map((run) => ({ ...run, stateMachineId: machine.id, versionId }));
            await applyContribution(tx, pgSchemaOf(db), [{ ...data, stateMachineId: machine.id }], runsOf, 1);
          }
          return executionId;
        },
        { timeout: 120_000, maxWait: 120_000 },
      ),
    {
      onRetry: (reason) => {
        if (reason === "foreign-key") forgetKnownIds(db);
      },
    },
  );
  (learned as (() => void) | null)?.();
  return { outcome: unchanged ? "unchanged" : stored ? "updated" : "inserted", id };
}

type StoredState = { status: string; redriveCount: number; eventCount: number; incomplete: string | null };

function sameState(stored: StoredState, execution: IngestedExecution): boolean {
  return (
    stored.status === execution.status &&
    stored.redriveCount === execution.redriveCount &&
    stored.eventCount === execution.events.length &&
    (stored.incomplete ?? null) === (execution.incomplete ?? null)
  );
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

function forgetKnownIds(db: Db): void {
  knownByClient.delete(db);
}
