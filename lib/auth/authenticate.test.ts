import { describe, expect, it } from "vitest";
import { authenticate } from "./authenticate";
import { LoginThrottle } from "./login-throttle";
import { hashPassword } from "./password-hash";
import type { UserRecord } from "./users-file";

const TOKEN = "a-long-admin-token-123";

describe("authenticate", async () => {
  const users: UserRecord[] = [
    { user: "ana", role: "operator", passwordHash: await hashPassword("ana-pw", { N: 1024, r: 8, p: 1 }) },
    { user: "vic", role: "viewer", passwordHash: await hashPassword("vic-pw", { N: 1024, r: 8, p: 1 }) },
  ];

  it("signs in with the admin token when no user name is given", async () => {
    expect(await authenticate({ user: "", password: TOKEN }, TOKEN, users)).toEqual({
      ok: true,
      user: "admin",
      role: "admin",
      method: "token",
    });
    expect(await authenticate({ user: " ", password: "wrong" }, TOKEN, users)).toEqual({ ok: false, reason: "bad-token" });
    expect(await authenticate({ user: "", password: TOKEN }, null, users)).toEqual({ ok: false, reason: "no-token" });
  });

  it("signs users in with their own role", async () => {
    expect(await authenticate({ user: "ana", password: "ana-pw" }, null, users)).toEqual({
      ok: true,
      user: "ana",
      role: "operator",
      method: "password",
    });
    expect(await authenticate({ user: "vic", password: "vic-pw" }, TOKEN, users)).toMatchObject({ ok: true, role: "viewer" });
    expect(await authenticate({ user: "vic", password: "ana-pw" }, null, users)).toEqual({ ok: false, reason: "bad-password" });
    expect(await authenticate({ user: "eve", password: "ana-pw" }, null, users)).toEqual({ ok: false, reason: "unknown-user" });
    expect(await authenticate({ user: "ana", password: TOKEN }, TOKEN, users)).toEqual({ ok: false, reason: "bad-password" }); // the token is not a user password
  });
});

describe("login throttle", () => {
  it("refuses a key after five failures in the window, until it passes", () => {
    const throttle = new LoginThrottle(5, 60_000);
    for (let i = 0; i < 5; i++) {
      expect(throttle.retryAfter("ana", 1000 + i)).toBe(0);
      throttle.fail("ana", 1000 + i);
    }
    expect(throttle.retryAfter("ana", 2000)).toBe(60_000 + 1000 - 2000);
    expect(throttle.retryAfter("bo", 2000)).toBe(0);
    expect(throttle.retryAfter("ana", 61_001)).toBe(0);
    throttle.fail("bo", 0);
    throttle.succeed("bo");
    expect(throttle.retryAfter("bo", 1)).toBe(0);
  });

  it("stays bounded under a flood of keys", () => {
    const throttle = new LoginThrottle(5, 60_000, 100);
    for (let i = 0; i < 1000; i++) throttle.fail(`k${i}`, i);
    expect((throttle as unknown as { failures: Map<string, unknown> }).failures.size).toBeLessThanOrEqual(101);
  });
});
