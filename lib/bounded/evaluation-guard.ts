import { getHeapStatistics } from "node:v8";
import { EvaluationLimitExceeded, type EvaluationGuard } from "../asl";
import { formatMs } from "./limits";

/** Steps between two clock readings, and between two heap readings (about 1 µs each). */
const EVERY = 4;
const HEAP_EVERY = 16;
/** The JSONata time of one execution is limited to this many times one evaluation's limit. */
export const EXECUTION_TIME_FACTOR = 5;

export interface GuardLimits {
  /** Wall-clock time of one evaluation. */
  timeMs: number;
  /** Heap growth during one evaluation. */
  memoryMb: number;
  /**
   * Let the event loop turn after this much evaluation time (ms), so a server running executions
   * on its request thread keeps answering during a long evaluation; never when absent.
   */
  yieldEveryMs?: number;
  /** The clock the limits are read on (ms); performance.now by default, a fake one in tests. */
  now?: () => number;
}

/**
 * The interpreter's bound for one execution run on the request thread (SFN API, and inside replay
 * workers): each JSONata evaluation may run `timeMs` and grow the heap by `memoryMb`, and all
 * of the execution's evaluations together EXECUTION_TIME_FACTOR x `timeMs` (read every few
 * steps; one step allocates at most a range of 1e7 items or one string). With `yieldEveryMs`,
 * a long evaluation lets the event loop turn that often. Use one per execution.
 */
export function evaluationGuard(limits: GuardLimits): EvaluationGuard {
  const bytes = limits.memoryMb * 1024 * 1024;
  const totalMs = limits.timeMs * EXECUTION_TIME_FACTOR;
  const clock = limits.now ?? (() => performance.now());
  let spent = 0;
  // Evaluations of one execution interleave (Map iterations, Parallel branches): the time since
  // the last reading of any of them goes to the evaluation reading now, not wall time to each.
  let mark = clock();
  return {
    begin() {
      mark = clock();
      const heapAtStart = getHeapStatistics().used_heap_size;
      let own = 0;
      let steps = 0;
      let yielded = mark;
      return () => {
        if (++steps % EVERY !== 0) return;
        const now = clock();
        own += now - mark;
        spent += now - mark;
        mark = now;
        if (own > limits.timeMs) throw new EvaluationLimitExceeded(`its ${formatMs(limits.timeMs)} time limit`);
        if (spent > totalMs) throw new EvaluationLimitExceeded(`the execution's ${formatMs(totalMs)} limit on JSONata evaluation time`);
        if (steps % HEAP_EVERY === 0 && getHeapStatistics().used_heap_size - heapAtStart > bytes)
          throw new EvaluationLimitExceeded(`its ${limits.memoryMb} MB memory limit`);
        if (limits.yieldEveryMs !== undefined && now - yielded > limits.yieldEveryMs) {
          // the time the server spends on other work meanwhile is nobody's
          return new Promise<void>((resolve) =>
            setImmediate(() => {
              yielded = mark = clock();
              resolve();
            }),
          );
        }
      };
    },
  };
}
