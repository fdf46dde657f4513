import { StatesError } from "../errors";
import { parseDefinitePath, type PathSegment } from "./parse-json-path";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function failure(step: string, node: unknown): StatesError {
  return new StatesError("States.ResultPathMatchFailure", `Unable to apply step "${step}" to input ${JSON.stringify(node ?? null)}`);
}

/**
 * ResultPath semantics: absent or `"$"` -> the result replaces the input; `null` -> the input is
 * kept and the result discarded; `"$.a.b"` -> a copy of the input with the result placed at a.b,
 * creating missing objects on the way. Only the objects along the path are copied (the rest is
 * shared), so callers must treat values as immutable. A path that cannot be applied (through a
 * string, a missing array slot, ...) throws States.ResultPathMatchFailure.
 */
export function applyResultPath(input: unknown, resultPath: string | null | undefined, result: unknown): unknown {
  if (resultPath === undefined || resultPath === "$") return result;
  if (resultPath === null) return input;
  const segments = parseDefinitePath(resultPath);
  if (!segments || segments.some((s) => s.kind === "names")) {
    throw new StatesError("States.ResultPathMatchFailure", `Invalid ResultPath '${resultPath}'`);
  }
  return place(input, segments, 0, result);
}

function place(node: unknown, segments: readonly PathSegment[], i: number, value: unknown): unknown {
  if (i === segments.length) return value;
  const segment = segments[i];
  if (segment.kind === "name") {
    const base = node === undefined ? {} : node;
    if (!isObject(base)) throw failure(segment.name, node);
    const copy: Record<string, unknown> = { ...base };
    const child = Object.prototype.hasOwnProperty.call(base, segment.name) ? base[segment.name] : undefined;
    copy[segment.name] = place(child, segments, i + 1, value);
    return copy;
  }
  if (segment.kind === "index") {
    if (!Array.isArray(node)) throw failure(`[${segment.index}]`, node);
    const index = segment.index < 0 ? node.length + segment.index : segment.index;
    if (index < 0 || index >= node.length) throw failure(`[${segment.index}]`, node);
    const copy = node.slice();
    copy[index] = place(node[index], segments, i + 1, value);
    return copy;
  }
  throw failure(segment.names.join(","), node);
}
