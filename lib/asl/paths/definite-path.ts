import { normalizePath, type PathSegment } from "./parse-json-path";

/** Returned by `lookupDefinite` when the path selects nothing (distinct from a JSON null). */
export const MISSING: unique symbol = Symbol("missing");

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Walks a parsed definite path; returns the selected value or MISSING. No allocation on the hot path. */
export function lookupDefinite(segments: readonly PathSegment[], data: unknown): unknown {
  let current = data;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === "name") {
      if (!isObject(current) || !hasOwn.call(current, segment.name)) return MISSING;
      current = current[segment.name];
    } else if (segment.kind === "index") {
      if (!Array.isArray(current)) return MISSING;
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      if (index < 0 || index >= current.length) return MISSING;
      current = current[index];
    } else {
      if (!isObject(current)) return MISSING;
      const picked: Record<string, unknown> = {};
      for (const name of segment.names) if (hasOwn.call(current, name)) picked[name] = current[name];
      return picked;
    }
  }
  return current;
}

/** The Jayway message AWS gives for a definite path that matched nothing. */
export function describeMiss(segments: readonly PathSegment[], data: unknown): string {
  const full = `No results for path: ${normalizePath(segments)}`;
  let current = data;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const isLeaf = i === segments.length - 1;
    if (segment.kind === "name" || segment.kind === "names") {
      const label = segment.kind === "name" ? `'${segment.name}'` : segment.names.map((n) => `'${n}'`).join(",");
      if (!isObject(current)) {
        return (
          `Expected to find an object with property [${label}] in path ${normalizePath(segments, i)} ` +
          `but found '${javaTypeName(current)}'. This is not a json object according to the JsonProvider: ` +
          `'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.`
        );
      }
      if (segment.kind === "names") return full;
      if (!hasOwn.call(current, segment.name)) {
        return isLeaf ? full : `Missing property in path ${normalizePath(segments, i + 1)}`;
      }
      current = current[segment.name];
    } else {
      if (!Array.isArray(current)) return full;
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      if (index < 0 || index >= current.length) return full;
      current = current[index];
    }
  }
  return full;
}

function javaTypeName(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "net.minidev.json.JSONArray";
  switch (typeof value) {
    case "string":
      return "java.lang.String";
    case "boolean":
      return "java.lang.Boolean";
    case "number":
      if (!Number.isInteger(value)) return "java.lang.Double";
      return Math.abs(value) <= 2147483647 ? "java.lang.Integer" : "java.lang.Long";
    default:
      return "java.lang.Object";
  }
}
