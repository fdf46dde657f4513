import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Password hashes for the users file, with node:crypto scrypt, written as
 * `scrypt$N$r$p$salt$hash` (salt and hash in base64url). Server-side only (route handlers, CLI):
 * the proxy never sees passwords.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** 2^15 / 8 / 1: about 32 MiB and some tens of ms per check. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/;

function derive(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const maxmem = 128 * params.N * params.r * params.p + 16 * 1024 * 1024;
    scrypt(password.normalize("NFC"), salt, keyLength, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function checkParams(params: ScryptParams): void {
  const { N, r, p } = params;
  if (!Number.isInteger(N) || N < 1024 || N > 2 ** 20 || (N & (N - 1)) !== 0)
    throw new Error(`scrypt N must be a power of two from 1024 to 2^20, got ${N}`);
  if (!Number.isInteger(r) || r < 1 || r > 32) throw new Error(`scrypt r must be 1..32, got ${r}`);
  if (!Number.isInteger(p) || p < 1 || p > 16) throw new Error(`scrypt p must be 1..16, got ${p}`);
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  if (password.length === 0) throw new Error("the password must not be empty");
  checkParams(params);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** Parses a stored hash; throws naming what is wrong (used to validate the users file). */
export function parsePasswordHash(encoded: string): { params: ScryptParams; salt: Buffer; key: Buffer } {
  const match = FORMAT.exec(encoded);
  if (!match) throw new Error("expected scrypt$N$r$p$salt$hash (salt and hash in base64url)");
  const params = { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  checkParams(params);
  return { params, salt: Buffer.from(match[4], "base64url"), key: Buffer.from(match[5], "base64url") };
}

/** True when `password` matches; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  let parsed: ReturnType<typeof parsePasswordHash>;
  try {
    parsed = parsePasswordHash(encoded);
  } catch {
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}
