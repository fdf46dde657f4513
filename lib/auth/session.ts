/**
 * Signed session cookies (HMAC-SHA-256 over `user|role|expiry`) with Web Crypto, so the same code
 * runs in the Next.js proxy and in route handlers. Pure: the secret is passed in.
 */
export type Role = "viewer" | "operator" | "admin";

export interface Session {
  user: string;
  role: Role;
  /** epoch ms */
  expires: number;
}

export const SESSION_COOKIE = "statelens_session";
const encoder = new TextEncoder();

async function hmac(secret: string, data: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(data)));
  return base64url(sig);
}

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Compares two strings in time independent of where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export async function signSession(session: Session, secret: string): Promise<string> {
  const body = `${encodeURIComponent(session.user)}|${session.role}|${session.expires}`;
  return `${body}|${await hmac(secret, body)}`;
}

export async function verifySession(cookie: string | undefined, secret: string, now = Date.now()): Promise<Session | null> {
  if (!cookie) return null;
  const parts = cookie.split("|");
  if (parts.length !== 4) return null;
  const [user, role, expires, sig] = parts;
  const body = `${user}|${role}|${expires}`;
  if (!safeEqual(sig, await hmac(secret, body))) return null;
  const exp = Number(expires);
  if (!Number.isFinite(exp) || exp < now) return null;
  if (role !== "viewer" && role !== "operator" && role !== "admin") return null;
  return { user: decodeURIComponent(user), role, expires: exp };
}
