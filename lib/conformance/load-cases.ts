import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ConformanceCase } from "./case-types";

export interface LoadOptions {
  /** Keep only cases whose id, feature or relative file path contains this text (case-insensitive). */
  filter?: string;
}

/** Every `*.json` file under `dir`, recursively, sorted for a stable run order. */
function listJsonFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listJsonFiles(full));
    else if (name.endsWith(".json")) files.push(full);
  }
  return files;
}

function looksLikeCase(value: unknown): value is Omit<ConformanceCase, "file"> {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === "string" && typeof v.expected === "object" && v.expected !== null && "definition" in v;
}

/**
 * Loads the recorded cases under `dir` (recursively). Cases whose recorded status is
 * `RUNNING_OR_UNKNOWN` are skipped, as are JSON files that are not cases (e.g. a stray index).
 */
export function loadCases(dir: string, options: LoadOptions = {}): ConformanceCase[] {
  const needle = options.filter?.toLowerCase();
  const cases: ConformanceCase[] = [];
  for (const file of listJsonFiles(dir)) {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (!looksLikeCase(parsed)) continue;
    if (parsed.expected.status === "RUNNING_OR_UNKNOWN") continue;
    const relative = path.relative(dir, file);
    if (needle && ![parsed.id, parsed.feature, relative].some((s) => s.toLowerCase().includes(needle))) continue;
    cases.push({ ...parsed, file: relative });
  }
  return cases;
}
