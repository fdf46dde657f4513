/**
 * Access control settings, read once from the environment in server code:
 * STATELENS_TOKEN — the admin token (log in with it, or send `Authorization: Bearer <token>`);
 * STATELENS_SECRET — the cookie signing key (defaults to one derived from the token).
 * Without a token the dashboard only answers requests addressed to localhost.
 */
export interface AuthConfig {
  token: string | null;
  secret: string;
}

export function readAuthConfig(env: Record<string, string | undefined> = process.env): AuthConfig {
  const token = env.STATELENS_TOKEN?.trim() || null;
  if (token !== null && token.length < 16) throw new Error("STATELENS_TOKEN must be at least 16 characters");
  return { token, secret: env.STATELENS_SECRET?.trim() || (token ? `statelens-session:${token}` : "statelens-local") };
}

export function authEnabled(config: AuthConfig): boolean {
  return config.token !== null;
}

const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;
export function isLocalHostHeader(host: string | null): boolean {
  return !!host && LOCAL.test(host);
}
