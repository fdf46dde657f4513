import type { IngestedExecution, IngestSink, SaveResult } from "./types";

/** An in-memory IngestSink for tests and dry runs; same idempotency contract as the Prisma sink. */
export class MemorySink implements IngestSink {
  readonly executions = new Map<string, IngestedExecution>();
  readonly cursors = new Map<string, string>();
  /** Every saveExecution call in order, with its result (tests assert on it). */
  readonly saves: { executionArn: string; result: SaveResult }[] = [];
  /** The number of executions in each transaction, in order. */
  readonly transactions: number[] = [];

  async saveExecution(execution: IngestedExecution): Promise<SaveResult> {
    this.transactions.push(1);
    return this.store(execution);
  }

  async saveExecutions(executions: IngestedExecution[]): Promise<SaveResult[]> {
    this.transactions.push(executions.length);
    return executions.map((execution) => this.store(execution));
  }

  private store(execution: IngestedExecution): SaveResult {
    const previous = this.executions.get(execution.executionArn);
    const copy = structuredClone(execution);
    let result: SaveResult;
    if (!previous) result = "inserted";
    else if (canonical(previous) === canonical(copy)) result = "unchanged";
    else result = "updated";
    if (result !== "unchanged") this.executions.set(execution.executionArn, copy);
    this.saves.push({ executionArn: execution.executionArn, result });
    return result;
  }

  async getExecutionState(executionArn: string) {
    const found = this.executions.get(executionArn);
    if (!found) return null;
    return { status: found.status, redriveCount: found.redriveCount, eventCount: found.events.length };
  }

  async getCursor(key: string): Promise<string | null> {
    return this.cursors.get(key) ?? null;
  }

  async setCursor(key: string, value: string): Promise<void> {
    this.cursors.set(key, value);
  }
}

/** JSON with sorted keys and undefined-valued keys dropped, so field order never counts as a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const item = (v as Record<string, unknown>)[k];
        if (item !== undefined) sorted[k] = item;
      }
      return sorted;
    }
    return v;
  });
}
