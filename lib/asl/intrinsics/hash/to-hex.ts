const HEX_CODES = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const codes: number[] = [];

function fromCodes(length: number): string {
  codes.length = length;
  return String.fromCharCode.apply(null, codes);
}

/** Lowercase hex of a byte string (built in one piece: digests are short). */
export function toHex(bytes: Uint8Array): string {
  for (let i = 0; i < bytes.length; i++) {
    codes[2 * i] = HEX_CODES[bytes[i] >> 4];
    codes[2 * i + 1] = HEX_CODES[bytes[i] & 15];
  }
  return fromCodes(bytes.length * 2);
}

/** Lowercase hex of 32-bit words, each big-endian (SHA-1/SHA-256 digests). */
export function wordsToHex(words: ArrayLike<number>): string {
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    for (let nibble = 0; nibble < 8; nibble++) codes[8 * i + nibble] = HEX_CODES[(word >>> (28 - 4 * nibble)) & 15];
  }
  return fromCodes(words.length * 8);
}
