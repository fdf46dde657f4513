import { StatesError } from "../errors";
import { AbortScope, BranchAborted } from "./abort-scope";
import type { Environment } from "./environment";

export interface ConcurrentOutcome<T> {
  results: (T | undefined)[];
  /** The first failure, in virtual-time order; siblings were aborted after it. */
  failure: StatesError | undefined;
}

/**
 * Runs jobs with at most `maxConcurrency` at a time (0 = all at once). The first failure aborts
 * the others, unless `tolerate(error, index)` returns true for it (distributed Map's tolerated
 * failures). Waits until every started job has settled, so aborted jobs have emitted their
 * events before the caller continues.
 */
export async function runConcurrently<T>(
  env: Environment,
  count: number,
  maxConcurrency: number,
  start: (index: number, scope: AbortScope) => Promise<T>,
  tolerate: (error: StatesError, index: number) => boolean = () => false,
): Promise<ConcurrentOutcome<T>> {
  const scope = new AbortScope(env.scope);
  const results: (T | undefined)[] = new Array(count);
  let failure: StatesError | undefined;
  let nextIndex = 0;
  const limit = maxConcurrency > 0 ? Math.min(maxConcurrency, count) : count;

  const worker = async (): Promise<void> => {
    while (nextIndex < count && !scope.aborted) {
      const index = nextIndex++;
      try {
        results[index] = await start(index, scope);
      } catch (thrown) {
        if (thrown instanceof BranchAborted) continue;
        if (!(thrown instanceof StatesError)) {
          scope.abort();
          throw thrown;
        }
        if (tolerate(thrown, index)) continue;
        if (!failure) failure = thrown;
        scope.abort();
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < limit; i++) workers.push(worker());
  const settled = await Promise.allSettled(workers);
  for (const s of settled) if (s.status === "rejected") throw s.reason;
  return { results, failure };
}
