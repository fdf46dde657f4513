/**
 * Next.js calls register() once as the server starts: the evaluation workers (lib/bounded) start
 * then, so the first filtered list or replay does not wait for them.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { evaluationPools } = await import("./lib/bounded/pools");
  const pools = evaluationPools();
  pools.conditions.warm();
  pools.replays.warm();
}
