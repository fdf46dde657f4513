/**
 * Runs once when the Next.js server starts (`next start`, `next dev`, `statelens serve`): installs
 * the socket-level request gate (lib/auth/socket-gate.ts) that refuses non-localhost traffic when
 * no access control is configured and drops untrusted X-Forwarded-* headers, then starts the
 * evaluation workers (lib/bounded), so the first filtered list or replay does not wait for them.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRequestGate } = await import("./lib/auth/install-request-gate");
  installRequestGate();
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { evaluationPools } = await import("./lib/bounded/pools");
  const pools = evaluationPools();
  pools.conditions.warm();
  pools.replays.warm();
}
