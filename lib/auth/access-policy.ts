import type { Role } from "./session";

/**
 * Which role a request needs, by method and path (enforced in proxy.ts):
 * - admin: the audit log (`/audit`, `/api/audit`);
 * - operator: every mutating API call (POST/PUT/PATCH/DELETE under /api/) and the whole
 *   SFN-compatible API (`/api/sfn`, whose reads are POSTs too);
 * - viewer: everything else (pages, GET APIs), plus signing in and out.
 */
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Reachable without a session (the login form posts here). */
export const PUBLIC_PATHS = ["/login", "/api/auth/login"];
const ANY_SIGNED_IN = ["/api/auth/logout"];

function under(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * The path as the router may resolve it: percent-decoded (repeatedly), slashes collapsed, no
 * trailing slash, lower-cased. Used only to decide the role, so it can only make rules stricter.
 */
export function normalizePath(pathname: string): string {
  let path = pathname;
  for (let i = 0; i < 3; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      break;
    }
    if (decoded === path) break;
    path = decoded;
  }
  path = path
    .replace(/\\/g, "/")
    .replace(/\/{2,}/g, "/")
    .toLowerCase();
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

export function requiredRole(method: string, rawPathname: string): Role {
  const pathname = normalizePath(rawPathname);
  if (under(pathname, "/audit") || under(pathname, "/api/audit")) return "admin";
  if (under(pathname, "/api/sfn")) return "operator";
  if (PUBLIC_PATHS.includes(pathname) || ANY_SIGNED_IN.includes(pathname)) return "viewer";
  if (under(pathname, "/api") && MUTATING.has(method.toUpperCase())) return "operator";
  return "viewer";
}

export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
