import { describe, expect, it } from "vitest";
import { readAuthConfig, isLocalHostHeader } from "./auth-config";
import { safeEqual, signSession, verifySession } from "./session";

describe("session cookies", () => {
  it("verifies what it signed and nothing else", async () => {
    const cookie = await signSession({ user: "ana", role: "operator", expires: 2_000 }, "s3cret");
    expect(await verifySession(cookie, "s3cret", 1_000)).toEqual({ user: "ana", role: "operator", expires: 2_000 });
    expect(await verifySession(cookie, "other", 1_000)).toBeNull();
    expect(await verifySession(cookie, "s3cret", 3_000)).toBeNull(); // expired
    expect(await verifySession(cookie.replace("operator", "admin"), "s3cret", 1_000)).toBeNull(); // tampered role
    expect(await verifySession("garbage", "s3cret")).toBeNull();
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
