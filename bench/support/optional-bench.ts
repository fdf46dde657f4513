import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./run-child";

/**
 * Whether an optional bench module written by someone else (bench/replay.bench.ts,
 * bench/page.bench.ts) is there and exports `run`. Returns the reason when it is not.
 */
export function optionalBench(relativePath: string): { present: true } | { present: false; reason: string } {
  const file = path.join(REPO_ROOT, relativePath);
  if (!existsSync(file)) return { present: false, reason: `${relativePath} not present` };
  const text = readFileSync(file, "utf8");
  const exportsRun = /export\s+(async\s+)?function\s+run\b|export\s+(const|let|var)\s+run\b|export\s*\{[^}]*\brun\b[^}]*\}/.test(text);
  return exportsRun ? { present: true } : { present: false, reason: `${relativePath} does not export run()` };
}
