import type { IngestSink, IngestedExecution } from "../ingest/types";
import type { Db } from "./client";
import { saveExecution, saveExecutions } from "./save-execution";

/** The ingestion sink backed by the database (SQLite or PostgreSQL). */
export function prismaSink(db: Db): IngestSink {
  return {
    async saveExecution(execution: IngestedExecution) {
      return (await saveExecution(db, execution)).outcome;
    },
    async saveExecutions(executions: IngestedExecution[]) {
      return (
        await saveExecutions(
          db,
          executions.map((execution) => ({ execution })),
        )
      ).map((saved) => saved.outcome);
    },
    async getExecutionState(executionArn: string) {
      return db.execution.findUnique({ where: { executionArn }, select: { status: true, redriveCount: true, eventCount: true } });
    },
    async getCursor(key: string) {
      return (await db.syncCursor.findUnique({ where: { key } }))?.value ?? null;
    },
    async setCursor(key: string, value: string) {
      await db.syncCursor.upsert({ where: { key }, create: { key, value }, update: { value } });
    },
  };
}
