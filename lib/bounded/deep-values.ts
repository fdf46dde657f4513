import { jsonText } from "../asl/evaluate/stringify-json";

/**
 * Payloads cross the worker boundary as JSON text: Node's IPC serialization (structured clone)
 * overflows the stack on documents nested a few thousand levels deep, which users may send.
 * Everything else in a replay task (dates, events whose payloads are already text) crosses as is.
 */
export interface PackedJson {
  packedJson: string;
}

export function pack(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  return { packedJson: jsonText(value) ?? "null" } satisfies PackedJson;
}

export function unpack<T>(value: T | PackedJson): T {
  if (typeof value === "object" && value !== null && "packedJson" in value && typeof value.packedJson === "string")
    return JSON.parse(value.packedJson) as T;
  return value as T;
}
