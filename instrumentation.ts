/**
 * Runs once when the Next.js server starts (`next start`, `next dev`, `statelens serve`): installs
 * the socket-level request gate (lib/auth/socket-gate.ts) that refuses non-localhost traffic when
 * no access control is configured and drops untrusted X-Forwarded-* headers.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installRequestGate } = await import("./lib/auth/install-request-gate");
    installRequestGate();
  }
}
