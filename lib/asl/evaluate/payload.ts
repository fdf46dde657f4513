import { StatesError } from "../errors";
import { jsonText } from "./stringify-json";

/** AWS's payload limit: 256 KiB of UTF-8 per state input/output/result. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** JSON text of a payload as event details carry it (`undefined` becomes `null`). */
export function toJson(value: unknown): string {
  // Finite numbers read the same in JSON as in String() (which may reuse V8's number-string cache).
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  // V8's stringify recurses and gives up near 5,000 levels; AWS takes any depth within 256 KiB
  const text = jsonText(value);
  return text === undefined ? "null" : text;
}

export const NOT_TRUNCATED = Object.freeze({ truncated: false });

/** UTF-8 length of a string without allocating a buffer (surrogate pairs count 4). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  // Fast path: plain ASCII, the common case.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** Whether a JSON text exceeds the payload limit. */
export function exceedsLimit(text: string): boolean {
  return text.length > MAX_PAYLOAD_BYTES / 4 && utf8Length(text) > MAX_PAYLOAD_BYTES;
}

/** The States.DataLimitExceeded error AWS raises for an oversized task result. */
export function dataLimitExceeded(subject: string): StatesError {
  return new StatesError(
    "States.DataLimitExceeded",
    `The state/task '${subject}' returned a result with a size exceeding the maximum number of bytes service limit.`,
  );
}
