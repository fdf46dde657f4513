import { NextResponse } from "next/server";
import { z } from "zod";
import { authEnabled, readAuthConfig } from "@/lib/auth/auth-config";
import { authenticate } from "@/lib/auth/authenticate";
import { LoginThrottle } from "@/lib/auth/login-throttle";
import { safeNext } from "@/lib/auth/safe-next";
import { seeOther } from "@/lib/auth/see-other";
import { SESSION_COOKIE, newSessionId, sessionCookie, sessionGrant, sessionKey } from "@/lib/auth/session";
import { readUsersFile, type UserRecord } from "@/lib/auth/users-file";
import { clientIp, lastHop } from "@/lib/audit/client-ip";
import { recordAudit } from "@/lib/audit/record-audit";
import { createAuthSession } from "@/lib/db/auth-sessions";
import { db } from "@/lib/db/client";
import { badRequest } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** `token` is the old name of the password field (the admin token), still accepted. */
const loginSchema = z
  .object({
    user: z.string().max(100).optional().default(""),
    password: z.string().min(1).max(1000).optional(),
    token: z.string().min(1).max(1000).optional(),
    next: z.string().max(2000).optional(),
  })
  .refine((v) => v.password !== undefined || v.token !== undefined, { message: "password is required", path: ["password"] });

const SESSION_HOURS = 12;
const globalThrottle = globalThis as unknown as { statelensLoginThrottle?: LoginThrottle };
const throttle = (globalThrottle.statelensLoginThrottle ??= new LoginThrottle());

async function audit(entry: Parameters<typeof recordAudit>[1]): Promise<void> {
  try {
    await recordAudit(db(), entry);
  } catch (error) {
    console.error(`statelens: could not write the audit log: ${(error as Error).message}`);
  }
}

/**
 * Sign in with a user name and password (users file) or, with no user name, the admin token.
 * Form posts get redirects (to `next`, or back to /login?error=...); JSON posts get JSON.
 * Every attempt is written to the audit log.
 */
export async function POST(request: Request) {
  const json = (request.headers.get("content-type") ?? "").includes("application/json");
  let raw: unknown;
  try {
    raw = json ? await request.json() : Object.fromEntries((await request.formData()).entries());
  } catch {
    return badRequest(json ? "body: not valid JSON" : "body: expected a form (application/x-www-form-urlencoded)");
  }
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) return badRequest(parsed.error);
  const { user, next } = parsed.data;
  const password = parsed.data.password ?? parsed.data.token!;
  const base = new URL(request.url);
  const target = safeNext(next);
  const config = readAuthConfig();
  if (!authEnabled(config)) {
    return json ? Response.json({ user: "local", role: "admin", note: "access control is off (local mode)" }) : seeOther(target);
  }
  const ip = clientIp(request.headers);
  const hop = lastHop(ip);
  const actor = user.trim() || "admin";
  const fail = (error: string, status: number, details: Record<string, unknown>) => {
    void audit({ actor, action: "login-failed", ip, details });
    if (json) return Response.json({ error }, { status });
    return seeOther(
      `/login?error=${status === 429 ? "throttled" : status === 500 ? "unavailable" : "invalid"}&next=${encodeURIComponent(target)}`,
    );
  };

  // Per user AND client: guesses from one address cannot lock the user out from another; one
  // address guessing many names is still slowed by its own key.
  const userKey = `user:${actor}@${hop ?? "unknown"}`;
  const wait = Math.max(throttle.retryAfter(userKey), hop ? throttle.retryAfter(`ip:${hop}`) : 0);
  if (wait > 0) return fail(`too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`, 429, { reason: "throttled" });

  let users: UserRecord[] = [];
  if (config.usersFile) {
    try {
      users = await readUsersFile(config.usersFile);
    } catch (error) {
      console.error(`statelens: ${(error as Error).message}`);
      return fail("the users file cannot be read; see the server log", 500, { reason: "users-file" });
    }
  }
  const result = await authenticate({ user, password }, config.token, users);
  if (!result.ok) {
    throttle.fail(userKey);
    if (hop) throttle.fail(`ip:${hop}`);
    return fail("the user name or password is not valid", 401, { reason: result.reason });
  }
  throttle.succeed(userKey);
  await audit({ actor: result.user, action: "login", ip, details: { method: result.method, role: result.role } });
  const id = newSessionId();
  try {
    await createAuthSession(db(), {
      id: await sessionKey(id),
      user: result.user,
      role: result.role,
      method: await sessionGrant(result.method, config.token),
      expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
    });
  } catch (error) {
    console.error(`statelens: cannot store the session: ${(error as Error).message}`);
    return fail("sessions cannot be stored; see the server log", 500, { reason: "session-store" });
  }
  const cookie = await sessionCookie(id, config.secret!);
  const response = json ? NextResponse.json({ user: result.user, role: result.role }) : seeOther(target);
  response.cookies.set(SESSION_COOKIE, cookie, {
    httpOnly: true,
    sameSite: "strict",
    secure: base.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https",
    path: "/",
    maxAge: SESSION_HOURS * 3600,
  });
  return response;
}
