const LOCAL_NAMES = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i;

/**
 * The host prefix the AWS SDKs and CLI put before the endpoint's host for StartSyncExecution and
 * TestState (the SFN model's `hostPrefix: "sync-"`), custom endpoints included unless host-prefix
 * injection is turned off: `--endpoint-url http://localhost:8083` becomes `sync-localhost:8083`.
 */
export const SYNC_HOST_PREFIX = "sync-";

/**
 * Whether a request's Host header names this server: a loopback name with this server's port, or
 * one of the allowed names (any port), each also in its `sync-` form. Anything else is refused,
 * so a web page on another site cannot reach the API through DNS rebinding; the `sync-` forms
 * are no wider, since `sync-localhost` resolves only where the machine's own hosts file says so.
 */
export function hostAllowed(host: string | undefined, port: number | undefined, allowed: readonly string[]): boolean {
  const match = host?.match(/^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/);
  if (!match) return false;
  const named = match[1].toLowerCase();
  const name = named.startsWith(SYNC_HOST_PREFIX) ? named.slice(SYNC_HOST_PREFIX.length) : named;
  if (allowed.some((a) => a.toLowerCase() === name)) return true;
  return LOCAL_NAMES.test(name) && match[2] !== undefined && Number(match[2]) === port;
}
