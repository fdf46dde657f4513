import { md5 } from "./md5";
import { sha1 } from "./sha1";
import { sha256 } from "./sha256";
import { sha384, sha512 } from "./sha512";

/** The algorithm names AWS accepts, spelled exactly (case and hyphen matter). */
export const HASH_ALGORITHMS = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

const IMPLEMENTATIONS: Record<HashAlgorithm, (bytes: Uint8Array) => string> = {
  MD5: md5,
  "SHA-1": sha1,
  "SHA-256": sha256,
  "SHA-384": sha384,
  "SHA-512": sha512,
};

export function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  return typeof value === "string" && (HASH_ALGORITHMS as readonly string[]).includes(value);
}

const encoder = new TextEncoder();
let asciiBuffer = new Uint8Array(256);

/** UTF-8 bytes of `text`; ASCII text (the usual case) is copied into a reused buffer. */
function utf8(text: string): Uint8Array {
  const length = text.length;
  if (length > asciiBuffer.length) asciiBuffer = new Uint8Array(Math.max(length, asciiBuffer.length * 2));
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encoder.encode(text);
    asciiBuffer[i] = code;
  }
  return asciiBuffer.subarray(0, length);
}

/** Hex digest of the UTF-8 bytes of `text` (States.Hash and JSONata `$hash`). */
export function hashText(text: string, algorithm: HashAlgorithm): string {
  return IMPLEMENTATIONS[algorithm](utf8(text));
}
