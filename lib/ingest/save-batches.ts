import type { IngestedExecution, IngestSink, SaveResult } from "./types";

/** Bounds of one batch transaction: short enough that other writers (and readers' snapshots) are not kept waiting long. */
export const BATCH_EXECUTIONS = 50;
export const BATCH_EVENTS = 20_000;

interface Pending {
  execution: IngestedExecution;
  resolve: (result: SaveResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit in front of a sink: `save` queues an execution and answers when it is stored;
 * whatever queued while a transaction was being written goes into the next one (at most
 * BATCH_EXECUTIONS executions or BATCH_EVENTS events). A lone caller still gets one transaction
 * per execution at no extra wait; concurrent callers (several AWS fetches, a folder read ahead of
 * the store) share transactions. When a batch fails it is rolled back whole and its executions are
 * saved one by one, so the bad one fails by itself (its caller hears its error) and the rest land.
 * The order of transactions is the order of `save` calls.
 */
export class BatchWriter {
  private readonly queue: Pending[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly sink: IngestSink) {}

  save(execution: IngestedExecution): Promise<SaveResult> {
    return new Promise<SaveResult>((resolve, reject) => {
      this.queue.push({ execution, resolve, reject });
      this.writing ??= this.writeQueued();
    });
  }

  /** Executions queued and not yet answered. */
  get backlog(): number {
    return this.queue.length;
  }

  private async writeQueued(): Promise<void> {
    // Let callers that queue in the same turn (a loop over a file's executions) join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) await this.write(this.takeBatch());
    } finally {
      this.writing = null;
    }
  }

  private takeBatch(): Pending[] {
    let count = 1;
    let events = this.queue[0].execution.events.length;
    while (count < this.queue.length && count < BATCH_EXECUTIONS && events + this.queue[count].execution.events.length <= BATCH_EVENTS) {
      events += this.queue[count].execution.events.length;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async write(batch: Pending[]): Promise<void> {
    if (batch.length > 1 && this.sink.saveExecutions) {
      let results: SaveResult[] | null = null;
      try {
        results = await this.sink.saveExecutions(batch.map((p) => p.execution));
      } catch {
        // rolled back whole: one by one below names the bad execution
      }
      if (results) {
        batch.forEach((p, i) => p.resolve(results[i]));
        return;
      }
    }
    for (const p of batch) {
      try {
        p.resolve(await this.sink.saveExecution(p.execution));
      } catch (error) {
        p.reject(error);
      }
    }
  }
}

/**
 * Saves `executions` through the sink in bounded batches (BatchWriter). `onSaved` hears every
 * stored execution, `onError` every one that could not be stored, in order.
 */
export async function saveInBatches(
  sink: IngestSink,
  executions: readonly IngestedExecution[],
  onSaved: (execution: IngestedExecution, result: SaveResult) => void,
  onError: (execution: IngestedExecution, error: unknown) => void,
): Promise<void> {
  const writer = new BatchWriter(sink);
  await Promise.all(
    executions.map((execution) =>
      writer.save(execution).then(
        (result) => onSaved(execution, result),
        (error: unknown) => onError(execution, error),
      ),
    ),
  );
}

/**
 * The sink with `saveExecution` going through one BatchWriter: callers that save concurrently
 * (AWS fetches, CloudWatch Logs pages) share transactions; everything else is passed through.
 */
export function withBatching(sink: IngestSink): IngestSink {
  const writer = new BatchWriter(sink);
  return {
    saveExecution: (execution) => writer.save(execution),
    saveExecutions: sink.saveExecutions && ((executions) => sink.saveExecutions!(executions)),
    getExecutionState: (arn) => sink.getExecutionState(arn),
    getCursor: (key) => sink.getCursor(key),
    setCursor: (key, value) => sink.setCursor(key, value),
  };
}
