import { hashText, isHashAlgorithm } from "../hash/hash-text";
import { InvalidArguments, requireString, type IntrinsicImpl } from "../invalid-arguments";
import { decodeBase64, encodeBase64 } from "../support/base64";

const MAX_INPUT_CHARS = 10_000;

function limited(text: string): string {
  if (text.length > MAX_INPUT_CHARS) throw new InvalidArguments();
  return text;
}

/** States.Base64Encode / Base64Decode / Hash: inputs up to 10,000 characters, UTF-8 bytes. */
export const encodingFunctions: Record<string, IntrinsicImpl> = {
  "States.Base64Encode": ([text]) => encodeBase64(limited(requireString(text))),

  "States.Base64Decode": ([text]) => decodeBase64(limited(requireString(text))),

  "States.Hash": ([data, algorithm]) => {
    if (!isHashAlgorithm(algorithm)) throw new InvalidArguments();
    // AWS hashes non-string data by its JSON text (123 -> "123", {} -> "{}").
    const text = typeof data === "string" ? data : JSON.stringify(data ?? null);
    return hashText(limited(text), algorithm);
  },
};
