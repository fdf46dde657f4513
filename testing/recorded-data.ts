import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CONFORMANCE_DIR } from "./corpus";

/** Test support: the repository's recorded AWS executions (test-data/, located by testing/corpus.ts). */

export interface ConformanceCase {
  id: string;
  definition: object;
  input: unknown;
  expected: {
    status: string;
    output?: unknown;
    error?: string;
    cause?: unknown;
    events?: Record<string, unknown>[] | null;
    cloudwatch_log_events?: Record<string, unknown>[] | null;
  };
}

/** Every conformance case under pure/ and service/. */
export function loadConformanceCases(): (ConformanceCase & { file: string })[] {
  const out: (ConformanceCase & { file: string })[] = [];
  for (const sub of ["pure", "service"]) {
    const dir = path.join(CONFORMANCE_DIR, sub);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const full = path.join(dir, file);
      out.push({ ...(JSON.parse(readFileSync(full, "utf8")) as ConformanceCase), file: full });
    }
  }
  return out;
}

/**
 * The recordings mask every event `timestamp` as the string "timestamp"; give them synthetic
 * epoch-ms values 100 ms apart so the file parser (which rejects non-dates) can read them.
 */
export function unmaskTimestamps<T extends Record<string, unknown>>(events: T[], key = "timestamp", start = 1_790_000_000_000): T[] {
  return events.map((event, index) => ({ ...event, [key]: event[key] === "timestamp" ? String(start + index * 100) : event[key] }));
}
