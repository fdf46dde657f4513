import type { Role } from "./session";

/**
 * Who is asking, as proxy.ts determined it, passed to route handlers and pages in request headers
 * (the proxy strips any values a client sent). `local` is the anonymous user of local mode.
 */
export const USER_HEADER = "x-statelens-user";
export const ROLE_HEADER = "x-statelens-role";

export interface Identity {
  user: string;
  role: Role;
}

export type HeaderReader = { get(name: string): string | null };

export function requestIdentity(headers: HeaderReader): Identity | null {
  const user = headers.get(USER_HEADER);
  const role = headers.get(ROLE_HEADER);
  if (!user || (role !== "viewer" && role !== "operator" && role !== "admin")) return null;
  try {
    return { user: decodeURIComponent(user), role };
  } catch {
    return null;
  }
}

/** Sets (or, for null, removes) the identity headers on a mutable Headers. */
export function setIdentityHeaders(headers: Headers, identity: Identity | null): void {
  headers.delete(USER_HEADER);
  headers.delete(ROLE_HEADER);
  if (!identity) return;
  headers.set(USER_HEADER, encodeURIComponent(identity.user));
  headers.set(ROLE_HEADER, identity.role);
}
