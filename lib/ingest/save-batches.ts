import type { IngestedExecution, IngestSink, SaveResult } from "./types";

/** Bounds of one batch transaction: short enough that other writers are not kept waiting long. */
export const BATCH_EXECUTIONS = 50;
export const BATCH_EVENTS = 20_000;

/**
 * Saves `executions` through the sink in bounded batches (at most BATCH_EXECUTIONS executions or
 * BATCH_EVENTS events a transaction) when the sink can (saveExecutions), else one by one. When a
 * batch fails, its executions are saved one by one again, so a bad execution is reported by
 * itself (`onError`) and the others still land. `onSaved` hears every stored execution, in order.
 */
export async function saveInBatches(
  sink: IngestSink,
  executions: readonly IngestedExecution[],
  onSaved: (execution: IngestedExecution, result: SaveResult) => void,
  onError: (execution: IngestedExecution, error: unknown) => void,
): Promise<void> {
  const one = async (execution: IngestedExecution) => {
    try {
      onSaved(execution, await sink.saveExecution(execution));
    } catch (error) {
      onError(execution, error);
    }
  };
  for (let start = 0; start < executions.length;) {
    let end = start + 1;
    let events = executions[start].events.length;
    while (end < executions.length && end - start < BATCH_EXECUTIONS && events + executions[end].events.length <= BATCH_EVENTS) {
      events += executions[end].events.length;
      end++;
    }
    const batch = executions.slice(start, end);
    start = end;
    if (!sink.saveExecutions || batch.length === 1) {
      for (const execution of batch) await one(execution);
      continue;
    }
    let results: SaveResult[];
    try {
      results = await sink.saveExecutions(batch);
    } catch {
      for (const execution of batch) await one(execution); // rolled back whole: find the bad one
      continue;
    }
    batch.forEach((execution, i) => onSaved(execution, results[i]));
  }
}
