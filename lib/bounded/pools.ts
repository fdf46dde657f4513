import { existsSync } from "node:fs";
import path from "node:path";
import { readEvaluationLimits, type EvaluationLimits } from "./limits";
import { WorkerPool } from "./worker-pool";

export interface EvaluationPools {
  limits: EvaluationLimits;
  /** Input conditions of list requests. */
  conditions: WorkerPool;
  /** Replays (their own worker with a larger heap). */
  replays: WorkerPool;
}

const holder = globalThis as unknown as { statelensEvaluationPools?: EvaluationPools };

/**
 * The process's evaluation pools (one set per process, surviving dev reloads), created on first
 * use with the limits in the environment. The worker entry is found from the working directory,
 * as the migrations are: Next.js bundles server code, so a path relative to this module would
 * point into `.next/`.
 */
export function evaluationPools(): EvaluationPools {
  if (holder.statelensEvaluationPools) return holder.statelensEvaluationPools;
  const limits = readEvaluationLimits();
  const file = path.join(process.cwd(), "lib", "bounded", "eval-worker.mjs");
  if (!existsSync(file)) throw new Error(`statelens: the evaluation worker ${file} is missing (run the server from the statelens folder)`);
  holder.statelensEvaluationPools = {
    limits,
    conditions: new WorkerPool({ file, size: limits.workers, memoryMb: limits.evalMemoryMb }),
    replays: new WorkerPool({ file, size: 1, memoryMb: limits.replayMemoryMb, preload: "replay" }),
  };
  return holder.statelensEvaluationPools;
}
