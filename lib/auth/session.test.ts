import { describe, expect, it } from "vitest";
import { readAuthConfig, isLocalHostHeader } from "./auth-config";
import { newSessionId, readSessionCookie, safeEqual, sessionCookie, sessionKey } from "./session";

describe("session cookies", () => {
  it("reads back the id it signed and nothing else", async () => {
    const id = newSessionId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionId()).not.toBe(id);
    const cookie = await sessionCookie(id, "s3cret");
    expect(await readSessionCookie(cookie, "s3cret")).toBe(id);
    expect(await readSessionCookie(cookie, "other")).toBeNull();
    const other = newSessionId();
    expect(await readSessionCookie(`${other}.${cookie.split(".")[1]}`, "s3cret")).toBeNull(); // MAC of another id
    expect(await readSessionCookie(`${cookie}.x`, "s3cret")).toBeNull();
    expect(await readSessionCookie("garbage", "s3cret")).toBeNull();
    expect(await readSessionCookie(undefined, "s3cret")).toBeNull();
    // stored under a digest, not the id itself
    expect(await sessionKey(id)).not.toBe(id);
    expect(await sessionKey(id)).toBe(await sessionKey(id));
  });

  it("compares tokens exactly", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });

  it("requires a long token and treats only loopback hosts as local", () => {
    expect(() => readAuthConfig({ STATELENS_TOKEN: "short" })).toThrow(/at least 16/);
    expect(readAuthConfig({}).token).toBeNull();
    expect(isLocalHostHeader("127.0.0.1:3000")).toBe(true);
    expect(isLocalHostHeader("localhost")).toBe(true);
    expect(isLocalHostHeader("10.0.0.5:3000")).toBe(false);
    expect(isLocalHostHeader("localhost.evil.com")).toBe(false);
  });
});
