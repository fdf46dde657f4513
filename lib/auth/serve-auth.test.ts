import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { authEnabled, readAuthConfig } from "./auth-config";
import { hashPassword } from "./password-hash";
import { prepareServeAuth } from "./serve-auth";

const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-serve-auth-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TOKEN = "a-long-admin-token-123";

describe("serve access control", () => {
  it("serves localhost without access control, and refuses other addresses", async () => {
    expect(await prepareServeAuth(true, {})).toEqual({});
    await expect(prepareServeAuth(false, {})).rejects.toThrow(/STATELENS_TOKEN.*STATELENS_USERS/);
  });

  it("accepts a token alone (the secret derives from it)", async () => {
    expect(await prepareServeAuth(false, { STATELENS_TOKEN: TOKEN })).toEqual({});
  });

  it("validates the users file and generates a secret when none is set", async () => {
    const file = path.join(dir, "users.json");
    writeFileSync(file, JSON.stringify([{ user: "ana", role: "viewer", passwordHash: await hashPassword("pw", { N: 1024, r: 8, p: 1 }) }]));
    const extra = await prepareServeAuth(false, { STATELENS_USERS: "users.json" }, dir);
    expect(extra.STATELENS_USERS).toBe(file);
    expect(extra.STATELENS_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await prepareServeAuth(false, { STATELENS_USERS: file })).STATELENS_SECRET).not.toBe(extra.STATELENS_SECRET);
    expect((await prepareServeAuth(false, { STATELENS_USERS: file, STATELENS_SECRET: "x".repeat(32) })).STATELENS_SECRET).toBeUndefined();
    writeFileSync(path.join(dir, "empty.json"), "[]");
    await expect(prepareServeAuth(false, { STATELENS_USERS: path.join(dir, "empty.json") })).rejects.toThrow(/no users/);
    writeFileSync(path.join(dir, "bad.json"), '[{"user":"a","role":"root","passwordHash":"x"}]');
    await expect(prepareServeAuth(true, { STATELENS_USERS: path.join(dir, "bad.json") })).rejects.toThrow(/role/);
  });

  it("reads the configuration", () => {
    expect(readAuthConfig({})).toEqual({ token: null, usersFile: null, secret: "statelens-local" });
    expect(authEnabled(readAuthConfig({ STATELENS_USERS: "u.json" }))).toBe(true);
    expect(readAuthConfig({ STATELENS_USERS: "u.json" }).secret).toBeNull();
    expect(readAuthConfig({ STATELENS_TOKEN: TOKEN }).secret).toBe(`statelens-session:${TOKEN}`);
    expect(() => readAuthConfig({ STATELENS_SECRET: "short" })).toThrow(/at least 16/);
  });
});
