import type { AuthConfig } from "./auth-config";
import type { Identity } from "./request-identity";
import { readSessionCookie, sessionGrant, sessionKey, type Role } from "./session";
import type { UserRecord } from "./users-file";

export interface SessionRecord {
  user: string;
  role: string;
  method: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** Where sessions and users come from (the store and the users file in the server; fakes in tests). */
export interface SessionSource {
  find(key: string): Promise<SessionRecord | null>;
  revoke(key: string): Promise<unknown>;
  users(file: string): Promise<UserRecord[]>;
}

/**
 * Who a session cookie belongs to, checked on every request: the MAC, then the stored session
 * (present, not revoked, not expired), then the grant itself. A password session ends once its user
 * is gone from the users file or holds another role there (it is revoked, so restoring the entry
 * does not bring it back); a token session ends once its token is no longer the configured one.
 * Fails closed: an
 * unreadable users file or store means no session.
 */
export async function resolveSession(
  cookie: string | undefined,
  config: AuthConfig,
  source: SessionSource,
  now = new Date(),
): Promise<Identity | null> {
  if (!config.secret) return null;
  const id = await readSessionCookie(cookie, config.secret);
  if (!id) return null;
  const key = await sessionKey(id);
  let row: SessionRecord | null;
  try {
    row = await source.find(key);
  } catch (error) {
    console.error(`statelens: cannot read sessions: ${(error as Error).message}`);
    return null;
  }
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  const role = row.role as Role;
  if (row.method.startsWith("token:")) {
    return config.token && row.method === (await sessionGrant("token", config.token)) ? { user: row.user, role } : null;
  }
  if (row.method !== "password" || !config.usersFile) return null;
  let users: UserRecord[];
  try {
    users = await source.users(config.usersFile);
  } catch (error) {
    console.error(`statelens: ${(error as Error).message}`);
    return null;
  }
  const entry = users.find((u) => u.user === row.user);
  if (!entry || entry.role !== row.role) {
    await source.revoke(key).catch(() => undefined);
    return null;
  }
  return { user: row.user, role };
}
