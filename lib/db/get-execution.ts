import type { Db } from "./client";

/** One execution with its state machine, the definition as it ran, and its full history. */
export async function getExecution(db: Db, idOrArn: string) {
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
  const events = await db.historyEvent.findMany({
    where: { executionId: execution.id },
    orderBy: { eventId: "asc" },
    select: { eventId: true, previousEventId: true, timestamp: true, type: true, stateName: true, details: true },
  });
  const children = await db.execution.findMany({
    where: { parentExecutionArn: execution.executionArn },
    select: { id: true, name: true, status: true, mapRunArn: true },
    orderBy: { startDate: "asc" },
    take: 1000,
  });
  return { ...execution, events, children };
}

export type StoredExecution = NonNullable<Awaited<ReturnType<typeof getExecution>>>;
