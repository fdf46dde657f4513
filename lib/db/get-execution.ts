import { eventDetailsKey, type HistoryEvent } from "../asl/history/types";
import type { Db } from "./client";

/** One execution with its state machine, the definition as it ran, replays and Map Run children (no history). */
export async function getExecutionSummary(db: Db, idOrArn: string) {
  const execution = await db.execution.findFirst({
    where: idOrArn.startsWith("arn:") ? { executionArn: idOrArn } : { id: idOrArn },
    include: {
      stateMachine: { select: { id: true, name: true, arn: true } },
      version: { select: { id: true, number: true, definition: true } },
      replayOf: { select: { id: true, name: true } },
      replays: { select: { id: true, name: true, status: true, startDate: true }, orderBy: { startDate: "desc" }, take: 20 },
    },
  });
  if (!execution) return null;
  const children = await db.execution.findMany({
    where: { parentExecutionArn: execution.executionArn },
    select: { id: true, name: true, status: true, mapRunArn: true },
    orderBy: { startDate: "asc" },
    take: 1000,
  });
  return { ...execution, children };
}

/** One execution with everything getExecutionSummary returns plus its full history. */
export async function getExecution(db: Db, idOrArn: string) {
  const execution = await getExecutionSummary(db, idOrArn);
  if (!execution) return null;
  const events = await db.historyEvent.findMany({
    where: { executionId: execution.id },
    orderBy: { eventId: "asc" },
    select: { eventId: true, previousEventId: true, timestamp: true, type: true, stateName: true, details: true },
  });
  return { ...execution, events };
}

export type ExecutionSummary = NonNullable<Awaited<ReturnType<typeof getExecutionSummary>>>;

export type StoredExecution = NonNullable<Awaited<ReturnType<typeof getExecution>>>;

/** Stored history rows back in AWS GetExecutionHistory shape (details parsed, under their AWS key). */
export function storedHistoryEvents(rows: StoredExecution["events"]): HistoryEvent[] {
  return rows.map((row) => {
    const event: HistoryEvent = { id: row.eventId, previousEventId: row.previousEventId, timestamp: row.timestamp, type: row.type };
    if (row.details !== null) event[eventDetailsKey(row.type)] = JSON.parse(row.details) as Record<string, unknown>;
    return event;
  });
}

/** An execution's id from its id or ARN (the events route needs nothing else), or null. */
export async function findExecutionId(db: Db, idOrArn: string): Promise<string | null> {
  const found = await db.execution.findFirst({
    where: idOrArn.startsWith("arn:") ? { executionArn: idOrArn } : { id: idOrArn },
    select: { id: true },
  });
  return found?.id ?? null;
}

/** The ids of executions with this name (at most `take`), for lookups by name. */
export async function executionIdsNamed(db: Db, name: string, take = 2): Promise<string[]> {
  return (await db.execution.findMany({ where: { name }, select: { id: true }, take })).map((r) => r.id);
}

/** ARNs of stored executions starting with `prefix` (a replay's `<original>-replay-` numbering). */
export async function executionArnsStartingWith(db: Db, prefix: string): Promise<string[]> {
  return (await db.execution.findMany({ where: { executionArn: { startsWith: prefix } }, select: { executionArn: true } })).map(
    (r) => r.executionArn,
  );
}

/** A state machine by ARN or name, or null. */
export async function findStateMachine(db: Db, arnOrName: string): Promise<{ id: string; name: string } | null> {
  return db.stateMachine.findFirst({
    where: arnOrName.startsWith("arn:") ? { arn: arnOrName } : { name: arnOrName },
    select: { id: true, name: true },
  });
}

/** A state machine's executions (replays left out), oldest first, optionally since a date and with one status. */
export async function executionIdsOf(db: Db, stateMachineId: string, filter: { since?: Date; status?: string } = {}): Promise<string[]> {
  const rows = await db.execution.findMany({
    where: {
      stateMachineId,
      source: { not: "replay" },
      ...(filter.since ? { startDate: { gte: filter.since } } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    },
    select: { id: true },
    orderBy: { startDate: "asc" },
  });
  return rows.map((r) => r.id);
}

/** A state machine by name, ARN or id; undefined when none was asked for, null when none matches. */
export async function resolveStateMachine(db: Db, ref: string | undefined): Promise<{ id: string; name: string } | null | undefined> {
  if (!ref) return undefined;
  return db.stateMachine.findFirst({
    where: ref.startsWith("arn:") ? { arn: ref } : { OR: [{ name: ref }, { id: ref }] },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
