import { describe, expect, it } from "vitest";
import { hashPassword, parsePasswordHash, verifyPassword } from "./password-hash";

const FAST = { N: 1024, r: 8, p: 1 };

describe("scrypt password hashes", () => {
  it("verifies the password it hashed and nothing else", async () => {
    const hash = await hashPassword("correct horse", FAST);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("correct horsf", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
    expect(await hashPassword("correct horse", FAST)).not.toBe(hash); // salted
  });

  it("uses the stored parameters, and the default is N=32768", async () => {
    const hash = await hashPassword("pw");
    expect(parsePasswordHash(hash).params).toEqual({ N: 32768, r: 8, p: 1 });
    expect(await verifyPassword("pw", hash)).toBe(true);
  });

  it("treats composed and decomposed accents as the same password", async () => {
    const hash = await hashPassword("caf\u00e9", FAST);
    expect(await verifyPassword("cafe\u0301", hash)).toBe(true);
  });

  it("rejects malformed hashes and unsafe parameters", async () => {
    expect(() => parsePasswordHash("plain")).toThrow(/scrypt\$N\$r\$p\$salt\$hash/);
    expect(() => parsePasswordHash("scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).toThrow(
      /power of two/,
    );
    expect(() => parsePasswordHash(`scrypt$${2 ** 24}$8$1$AAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)).toThrow(
      /2\^20/,
    );
    expect(await verifyPassword("x", "scrypt$1024$8$1$short$AAAA")).toBe(false);
    await expect(hashPassword("")).rejects.toThrow(/empty/);
  });
});
