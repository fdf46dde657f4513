/**
 * Test support: reads the repository's recorded AWS executions (test-data/histories and
 * test-data/conformance, located by testing/corpus.ts) as EventDto lists.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { toEventDto, type EventDto } from "../lib/model/execution";
import { CONFORMANCE_DIR, HISTORIES_DIR } from "./corpus";

export interface SharedHistory {
  id: string;
  definition: Record<string, unknown>;
  events: EventDto[];
}

/** One recorded execution from histories/, by case id (file name without suffix). */
export function loadHistory(id: string): SharedHistory {
  const history = JSON.parse(readFileSync(path.join(HISTORIES_DIR, `${id}.history.json`), "utf8"));
  const definition = JSON.parse(readFileSync(path.join(HISTORIES_DIR, `${id}.definition.json`), "utf8"));
  return { id, definition, events: history.events.map(toEventDto) };
}

export function listHistoryIds(): string[] {
  return readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith(".history.json"))
    .map((f) => f.slice(0, -".history.json".length))
    .sort();
}

export interface ConformanceCase {
  id: string;
  status: string;
  definition: Record<string, unknown>;
  /** events with synthetic timestamps (the recording masked them): 100 ms apart */
  events: EventDto[];
}

/**
 * Conformance cases that carry a real event list. Cases whose Parallel events were reordered by
 * the recorder (ids `[0]`, previousEventId 0) are left out: their links are not AWS's.
 */
export function loadConformanceCases(): ConformanceCase[] {
  const out: ConformanceCase[] = [];
  for (const dir of ["pure", "service"]) {
    const full = path.join(CONFORMANCE_DIR, dir);
    if (!existsSync(full)) continue;
    for (const file of readdirSync(full).sort()) {
      if (!file.endsWith(".json")) continue;
      const data = JSON.parse(readFileSync(path.join(full, file), "utf8"));
      const events = data.expected?.events;
      if (!Array.isArray(events) || events.some((e: { id: unknown }) => typeof e.id !== "number")) continue;
      const base = Date.parse("2026-10-01T09:00:00Z");
      out.push({
        id: data.id,
        status: data.expected.status,
        definition: data.definition,
        events: events.map((e: { id: number; type: string }) => toEventDto({ ...e, timestamp: new Date(base + e.id * 100).toISOString() })),
      });
    }
  }
  return out;
}
