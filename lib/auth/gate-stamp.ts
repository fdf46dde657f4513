/**
 * How proxy.ts knows the socket-level gate (socket-gate.ts) saw a request: the gate stamps it with
 * a random per-process value the client cannot know. Requests accepted before the gate was
 * installed (Next.js loads instrumentation.ts lazily under `next dev`) carry no stamp, or one the
 * client made up, and are refused in local mode. The value lives in process.env so that the gate
 * and the proxy agree however Next.js loads their modules.
 */
export const GATE_HEADER = "x-statelens-gate";
const KEY = "STATELENS_GATE_STAMP";

export function gateStamp(env: Record<string, string | undefined> = process.env): string {
  if (!env[KEY]) {
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    env[KEY] = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  return env[KEY]!;
}

/** True when the request carries this process's stamp. */
export function gateChecked(value: string | null, env: Record<string, string | undefined> = process.env): boolean {
  const stamp = env[KEY];
  return !!stamp && value === stamp;
}
