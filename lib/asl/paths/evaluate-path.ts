import { StatesError } from "../errors";
import { describeMiss, lookupDefinite, MISSING } from "./definite-path";
import { parseDefinitePath } from "./parse-json-path";
import { PathNotFoundError } from "./path-not-found-error";
import { queryIndefinite } from "./query-indefinite";

/**
 * Looks a JSONPath up in `data`. Definite paths (`$`, `$.a.b`, `$.a[0]`, `$['x']`) take a fast
 * walk and return MISSING when they select nothing; indefinite ones return jsonpath-plus's list.
 */
export function lookupPath(path: string, data: unknown): unknown {
  if (path === "$") return data;
  const segments = parseDefinitePath(path);
  if (segments) return lookupDefinite(segments, data);
  if (path.charCodeAt(0) !== 36 /* $ */) {
    throw new StatesError("States.Runtime", `Invalid path '${path}' : The path must start with '$'`);
  }
  return queryIndefinite(path, data);
}

/**
 * JSONPath as InputPath/OutputPath/ItemsPath use it. A definite path that matches nothing throws
 * PathNotFoundError (States.Runtime, `Invalid path '$.x' : No results for path: $['x']`);
 * an indefinite path returns the (possibly empty) list of matches.
 */
export function evaluatePath(path: string, data: unknown): unknown {
  const value = lookupPath(path, data);
  if (value === MISSING) {
    throw new PathNotFoundError(path, describeMiss(parseDefinitePath(path) ?? [], data));
  }
  return value;
}
