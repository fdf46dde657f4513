/**
 * Session cookies: a random session id and an HMAC-SHA-256 of it (`<id>.<mac>`), with Web Crypto so
 * the same code runs in the proxy and in route handlers. The id names a server-side row
 * (lib/db/auth-sessions.ts, stored under the id's SHA-256), which is what makes a session
 * revocable; the MAC only spares the store forged cookies. Pure: the secret is passed in.
 */
export type Role = "viewer" | "operator" | "admin";

export const SESSION_COOKIE = "statelens_session";
const encoder = new TextEncoder();
const ID = /^[A-Za-z0-9_-]{43}$/;

async function hmac(secret: string, data: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return base64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(data))));
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

/** 256 random bits, base64url (43 characters). */
export function newSessionId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The key a session is stored under: SHA-256 of its id, so the store's rows are not cookies. */
export async function sessionKey(id: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(id))));
}

export async function sessionCookie(id: string, secret: string): Promise<string> {
  return `${id}.${await hmac(secret, `session:${id}`)}`;
}

/** The session id in a cookie whose MAC checks out, else null. */
export async function readSessionCookie(cookie: string | undefined, secret: string): Promise<string | null> {
  if (!cookie) return null;
  const [id, mac, extra] = cookie.split(".");
  if (extra !== undefined || !id || !mac || !ID.test(id)) return null;
  return safeEqual(mac, await hmac(secret, `session:${id}`)) ? id : null;
}

/**
 * What a session row records as its grant: `password`, or `token:<digest>` naming the token that
 * signed it in, so a session ends when that token is replaced (even with STATELENS_SECRET kept).
 */
export async function sessionGrant(method: "token" | "password", token: string | null): Promise<string> {
  if (method === "password") return "password";
  return `token:${(await sessionKey(`token:${token ?? ""}`)).slice(0, 22)}`;
}
