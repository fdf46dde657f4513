import { describeMiss, MISSING } from "./definite-path";
import type { ExpressionEnv } from "./env";
import { lookupPath } from "./evaluate-path";
import { parseDefinitePath } from "./parse-json-path";
import { PathNotFoundError } from "./path-not-found-error";

type Source = "input" | "context" | "variable";
interface Reference {
  source: Source;
  variable: string;
  subPath: string;
}

const VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)/;
const cache = new Map<string, Reference>();

/** Splits `$$.a` (context), `$name.a` (variable) and `$.a` (input) into a source and a `$`-rooted path. */
export function splitReference(path: string): Reference {
  let ref = cache.get(path);
  if (ref) return ref;
  if (path.startsWith("$$")) {
    ref = { source: "context", variable: "", subPath: "$" + path.slice(2) };
  } else {
    const match = VARIABLE.exec(path);
    ref = match
      ? { source: "variable", variable: match[1], subPath: "$" + path.slice(match[0].length) }
      : { source: "input", variable: "", subPath: path };
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(path, ref);
  return ref;
}

function rootOf(ref: Reference, env: ExpressionEnv): unknown {
  if (ref.source === "input") return env.input;
  if (ref.source === "context") return env.context;
  return ref.variable in env.variables ? env.variables[ref.variable] : MISSING;
}

/** Like evaluateReferencePath but returns MISSING instead of throwing (Choice `IsPresent`). */
export function lookupReference(path: string, env: ExpressionEnv): unknown {
  const ref = splitReference(path);
  const root = rootOf(ref, env);
  if (root === MISSING) return MISSING;
  return lookupPath(ref.subPath, root);
}

/**
 * Resolves a reference path against the state input (`$.a`), the context object (`$$.Execution.Id`)
 * or a variable (`$var.x.y`). Throws PathNotFoundError (carrying the original path) when nothing matches.
 */
export function evaluateReferencePath(path: string, env: ExpressionEnv): unknown {
  const ref = splitReference(path);
  const root = rootOf(ref, env);
  if (root === MISSING) {
    throw new PathNotFoundError(path, `The variable '${ref.variable}' is not defined`);
  }
  const value = lookupPath(ref.subPath, root);
  if (value === MISSING) {
    throw new PathNotFoundError(path, describeMiss(parseDefinitePath(ref.subPath) ?? [], root));
  }
  return value;
}
