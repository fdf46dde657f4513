/**
 * Access control settings, read once from the environment in server code:
 * STATELENS_TOKEN — the admin token (log in with it, or send `Authorization: Bearer <token>`);
 * STATELENS_USERS — a users file (`[{ "user", "passwordHash", "role" }]`, see users-file.ts);
 * STATELENS_SECRET — the cookie signing key. Defaults to one derived from the token; with only a
 *   users file, `statelens serve` generates a random one per start (sessions end on restart).
 * Without a token or users file the dashboard only answers requests addressed to localhost, and
 * everyone there acts as admin.
 */
export interface AuthConfig {
  token: string | null;
  /** path of the users file, as given */
  usersFile: string | null;
  /** null only when the users file is set without a token or STATELENS_SECRET (then misconfigured) */
  secret: string | null;
}

export function readAuthConfig(env: Record<string, string | undefined> = process.env): AuthConfig {
  const token = env.STATELENS_TOKEN?.trim() || null;
  if (token !== null && token.length < 16) throw new Error("STATELENS_TOKEN must be at least 16 characters");
  const usersFile = env.STATELENS_USERS?.trim() || null;
  const explicit = env.STATELENS_SECRET?.trim() || null;
  if (explicit !== null && explicit.length < 16) throw new Error("STATELENS_SECRET must be at least 16 characters");
  const secret = explicit ?? (token ? `statelens-session:${token}` : usersFile ? null : "statelens-local");
  return { token, usersFile, secret };
}

export function authEnabled(config: AuthConfig): boolean {
  return config.token !== null || config.usersFile !== null;
}

const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;
export function isLocalHostHeader(host: string | null): boolean {
  return !!host && LOCAL.test(host);
}
