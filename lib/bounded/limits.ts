import { z } from "zod";

/** How far a server lets user-supplied expressions and definitions run (see lib/bounded/README.md). */
export interface EvaluationLimits {
  /** One input condition (all rows of one list request), one JSONata evaluation of an execution. */
  evalTimeMs: number;
  /** Heap of an input-condition worker; heap growth allowed to one JSONata evaluation of an execution. */
  evalMemoryMb: number;
  /** One replay (edited or not), run whole in its worker. */
  replayTimeMs: number;
  /** Heap of a replay worker. */
  replayMemoryMb: number;
  /** Input-condition workers kept (replays have one more of their own). */
  workers: number;
}

const positive = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const envSchema = z.object({
  STATELENS_EVAL_TIME_LIMIT_MS: positive(2_000, 3_600_000),
  STATELENS_EVAL_MEMORY_LIMIT_MB: positive(256, 16_384),
  STATELENS_REPLAY_TIME_LIMIT_MS: positive(60_000, 3_600_000),
  STATELENS_REPLAY_MEMORY_LIMIT_MB: positive(1_024, 16_384),
  STATELENS_EVAL_WORKERS: positive(2, 64),
});

/** The limits from the environment (defaults for unset or empty variables); throws naming a bad one. */
export function readEvaluationLimits(env: Record<string, string | undefined> = process.env): EvaluationLimits {
  const given = Object.fromEntries(Object.keys(envSchema.shape).map((key) => [key, env[key]?.trim() || undefined]));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const v = parsed.data;
  return {
    evalTimeMs: v.STATELENS_EVAL_TIME_LIMIT_MS,
    evalMemoryMb: v.STATELENS_EVAL_MEMORY_LIMIT_MB,
    replayTimeMs: v.STATELENS_REPLAY_TIME_LIMIT_MS,
    replayMemoryMb: v.STATELENS_REPLAY_MEMORY_LIMIT_MB,
    workers: v.STATELENS_EVAL_WORKERS,
  };
}

/** "2 s", "1.5 s", "250 ms": a limit as the error messages name it. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(3))} s` : `${ms} ms`;
}
