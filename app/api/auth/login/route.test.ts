import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAuthConfig } from "@/lib/auth/auth-config";
import { hashPassword } from "@/lib/auth/password-hash";
import { resolveSession } from "@/lib/auth/resolve-session";
import { SESSION_COOKIE } from "@/lib/auth/session";
import { storeSessionSource } from "@/lib/auth/store-session-source";
import { createTestDb } from "@/lib/db/test-db";

const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-login-"));
const usersFile = path.join(dir, "users.json");
const TOKEN = "a-long-admin-token-123";
let close: () => Promise<void>;
let login: (request: Request) => Promise<Response>;
let logout: (request: NextRequest) => Promise<Response>;
const saved = { ...process.env };

async function writeUsers(users: { user: string; password: string; role: string }[]) {
  const rows = await Promise.all(
    users.map(async (u) => ({ user: u.user, role: u.role, passwordHash: await hashPassword(u.password, { N: 1024, r: 8, p: 1 }) })),
  );
  writeFileSync(usersFile, JSON.stringify(rows));
}

beforeAll(async () => {
  const test = await createTestDb();
  close = test.close;
  process.env.DATABASE_URL = test.target.url;
  process.env.STATELENS_USERS = usersFile;
  process.env.STATELENS_TOKEN = TOKEN;
  process.env.STATELENS_SECRET = "a-session-secret-of-some-length";
  await writeUsers([
    { user: "ana", password: "ana-pw", role: "operator" },
    { user: "bo", password: "bo-pw", role: "admin" },
  ]);
  ({ POST: login } = await import("./route"));
  ({ POST: logout } = await import("../logout/route"));
});
afterAll(async () => {
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
  await close();
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

const form = (fields: Record<string, string>, ip: string) =>
  new Request("http://127.0.0.1:3000/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    body: new URLSearchParams(fields),
  });
const cookieOf = (response: Response) => response.headers.get("set-cookie")?.match(new RegExp(`${SESSION_COOKIE}=([^;]*)`))?.[1];
const who = (cookie: string | undefined) => resolveSession(cookie, readAuthConfig(), storeSessionSource);

describe("sign-in", () => {
  it("sends the browser only to paths on this site after signing in", async () => {
    const ok = await login(form({ user: "ana", password: "ana-pw", next: "/executions?status=FAILED" }, "10.0.0.9"));
    expect(ok.headers.get("location")).toBe("/executions?status=FAILED");
    for (const next of ["/\t/evil.example", "/\\evil", "//evil", "/%09/evil", "https://evil"]) {
      const response = await login(form({ user: "ana", password: "ana-pw", next }, "10.0.0.9"));
      expect(response.status, next).toBe(303);
      expect(response.headers.get("location"), next).toBe("/");
    }
  });

  it("throttles guessing per user and client, so another client can still sign in", async () => {
    for (let i = 0; i < 5; i++)
      expect((await login(form({ user: "bo", password: `guess-${i}` }, "203.0.113.7"))).headers.get("location")).toMatch(/error=invalid/);
    expect((await login(form({ user: "bo", password: "bo-pw" }, "203.0.113.7"))).headers.get("location")).toMatch(/error=throttled/);
    const elsewhere = await login(form({ user: "bo", password: "bo-pw" }, "198.51.100.4"));
    expect(elsewhere.headers.get("location")).toBe("/");
    expect(await who(cookieOf(elsewhere))).toEqual({ user: "bo", role: "admin" });
  });

  it("ends a session at once on logout", async () => {
    const cookie = cookieOf(await login(form({ user: "ana", password: "ana-pw" }, "10.0.0.10")));
    const other = cookieOf(await login(form({ user: "ana", password: "ana-pw" }, "10.0.0.11")));
    expect(await who(cookie)).toEqual({ user: "ana", role: "operator" });
    const out = await logout(
      new NextRequest("http://127.0.0.1:3000/api/auth/logout", {
        method: "POST",
        headers: { cookie: `${SESSION_COOKIE}=${cookie}`, "x-statelens-user": "ana", "x-statelens-role": "operator" },
      }),
    );
    expect(out.status).toBe(303);
    expect(await who(cookie)).toBeNull();
    expect(await who(other)).toEqual({ user: "ana", role: "operator" }); // only that session
  });

  it("ends the sessions of a user removed or demoted in the users file at once", async () => {
    const ana = cookieOf(await login(form({ user: "ana", password: "ana-pw" }, "10.0.0.12")));
    const bo = cookieOf(await login(form({ user: "bo", password: "bo-pw" }, "10.0.0.12")));
    const admin = cookieOf(await login(form({ user: "", password: TOKEN }, "10.0.0.12")));
    expect(await who(ana)).toEqual({ user: "ana", role: "operator" });
    await writeUsers([{ user: "ana", password: "ana-pw", role: "viewer" }]); // ana demoted, bo removed
    expect(await who(ana)).toBeNull();
    expect(await who(bo)).toBeNull();
    expect(await who(admin)).toEqual({ user: "admin", role: "admin" }); // the token is still configured
    await writeUsers([
      { user: "ana", password: "ana-pw", role: "operator" },
      { user: "bo", password: "bo-pw", role: "admin" },
    ]);
    expect(await who(ana)).toBeNull(); // revoked, not merely hidden
    expect(await who(bo)).toBeNull();
    expect(await resolveSession(admin, { ...readAuthConfig(), token: null }, storeSessionSource)).toBeNull();
    // a new token (the secret kept) ends sessions signed in with the old one
    expect(await resolveSession(admin, { ...readAuthConfig(), token: "another-long-admin-token" }, storeSessionSource)).toBeNull();
  });
});
