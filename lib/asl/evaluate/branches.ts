import { StatesError } from "../errors";
import { AbortScope, BranchAborted } from "./abort-scope";
import type { Environment } from "./environment";
import type { ResumedJobs } from "./resume";

/**
 * A state that fails or is aborted inside a branch or iteration was never exited: it leaves its
 * `*StateAborted` event type here and the thread's owner emits it after its own event
 * (MapIterationFailed/Aborted), as AWS orders them.
 */
const abortedStates = new WeakMap<object, string>();

export function markAbortedState(error: object, eventType: string): void {
  if (!abortedStates.has(error)) abortedStates.set(error, eventType);
}

/**
 * Ends a branch/iteration thread that threw. The first failure among siblings stays a failure:
 * its events link to the thread's own history and it aborts the siblings, linking their abort
 * events to the failure. A thread that fails after a sibling already did (or was aborted) is
 * reported as aborted. `ownerEvent` emits the owner's per-thread event (MapIteration*), given
 * whether the thread counts as aborted and the event to link to. Returns what to rethrow and
 * whether the thread was aborted (its history position is then not joined into the owner's).
 */
export function endThread(
  child: Environment,
  scope: AbortScope,
  thrown: unknown,
  ownerEvent?: (aborted: boolean, link: number | undefined) => void,
): { rethrow: unknown; aborted: boolean } {
  if (!(thrown instanceof StatesError) && !(thrown instanceof BranchAborted)) return { rethrow: thrown, aborted: true };
  const aborted = thrown instanceof BranchAborted || scope.aborted;
  const link = aborted ? scope.source : undefined;
  ownerEvent?.(aborted, link);
  const type = abortedStates.get(thrown);
  if (type) {
    abortedStates.delete(thrown);
    child.events.add(child.ctx, type, undefined, undefined, false, link ?? child.ctx.source);
  }
  if (aborted) return { rethrow: thrown instanceof BranchAborted ? thrown : new BranchAborted(), aborted: true };
  scope.abort(child.ctx.source);
  return { rethrow: thrown, aborted: false };
}

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
  /** Resuming: jobs that finished (their results) and jobs running at the checkpoint, started first. */
  resumed?: ResumedJobs<T>,
): Promise<ConcurrentOutcome<T>> {
  const scope = new AbortScope(env.scope);
  const results: (T | undefined)[] = new Array(count);
  let failure: StatesError | undefined;
  let nextIndex = 0;
  const limit = maxConcurrency > 0 ? Math.min(maxConcurrency, count) : count;
  const running = resumed ? resumed.running.filter((i) => i < count) : [];
  const taken = new Set(resumed ? [...resumed.done.keys(), ...resumed.running] : []);
  if (resumed) for (const [index, result] of resumed.done) if (index < count) results[index] = result;
  const take = (): number => {
    if (running.length > 0) return running.shift()!;
    while (nextIndex < count && taken.has(nextIndex)) nextIndex++;
    return nextIndex < count ? nextIndex++ : -1;
  };

  const worker = async (): Promise<void> => {
    while (!scope.aborted) {
      const index = take();
      if (index < 0) break;
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
