const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Lowercase hex of a byte string. */
export function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (let i = 0; i < bytes.length; i++) hex += BYTE_HEX[bytes[i]];
  return hex;
}

/** Lowercase hex of 32-bit words, each big-endian (SHA-1/SHA-256 digests). */
export function wordsToHex(words: ArrayLike<number>): string {
  let hex = "";
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    hex += BYTE_HEX[(word >>> 24) & 0xff] + BYTE_HEX[(word >>> 16) & 0xff] + BYTE_HEX[(word >>> 8) & 0xff] + BYTE_HEX[word & 0xff];
  }
  return hex;
}
