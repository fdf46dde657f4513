import { verifyPassword } from "./password-hash";
import type { Role } from "./session";
import { safeEqual } from "./session";
import type { UserRecord } from "./users-file";

export interface Credentials {
  /** empty: sign in with the admin token */
  user: string;
  password: string;
}

export type AuthResult =
  | { ok: true; user: string; role: Role; method: "token" | "password" }
  | { ok: false; reason: "unknown-user" | "bad-password" | "bad-token" | "no-token" };

/** Any well-formed hash, checked against when the user does not exist, so timing does not tell. */
const DECOY_HASH = "scrypt$32768$8$1$c3RhdGVsZW5zLWRlY295LXNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/**
 * Checks a sign-in: with no user name the password is compared with the admin token (user "admin",
 * role admin); otherwise it is verified against that user's scrypt hash in the users file.
 */
export async function authenticate(credentials: Credentials, token: string | null, users: readonly UserRecord[]): Promise<AuthResult> {
  const name = credentials.user.trim();
  if (name === "") {
    if (!token) return { ok: false, reason: "no-token" };
    return safeEqual(credentials.password, token)
      ? { ok: true, user: "admin", role: "admin", method: "token" }
      : { ok: false, reason: "bad-token" };
  }
  const record = users.find((u) => u.user === name);
  const matches = await verifyPassword(credentials.password, record?.passwordHash ?? DECOY_HASH);
  if (!record) return { ok: false, reason: "unknown-user" };
  return matches ? { ok: true, user: record.user, role: record.role, method: "password" } : { ok: false, reason: "bad-password" };
}
