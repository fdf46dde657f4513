import { readFileSync } from "node:fs";
import path from "node:path";
import { generateDemo } from "../../lib/examples/generate-demo";
import { exportExecution } from "../../lib/ingest/export-execution";
import { HISTORIES_DIR } from "../corpus";
import type { Json } from "./mutate-json";

export interface HistorySeed {
  name: string;
  /** the parsed document: get-execution-history output or a statelens export */
  doc: Json;
  definition: string | null;
}

const RECORDED_PICKS = [
  "activities.test_activities.TestActivities.test_activity_task",
  "assign.test_assign_base.TestAssignBase.test_base_cases_BASE_SCOPE_MAP-e66832",
];

/**
 * Valid documents to mutate: demo executions from the local engine (as get-execution-history
 * output and as exports, with retries, Map and Parallel states) plus a few recorded AWS histories
 * from the repository's test-data (the same pool on every machine).
 */
export async function historySeeds(): Promise<HistorySeed[]> {
  const seeds: HistorySeed[] = [];
  for await (const execution of generateDemo({ count: 4, seed: 7, now: new Date(Date.UTC(2026, 10, 1)) })) {
    const events = execution.events.map((e) => ({ ...e, timestamp: e.timestamp.toISOString() }));
    seeds.push({ name: `${execution.name}.history`, doc: JSON.parse(JSON.stringify({ events })), definition: execution.definition });
    seeds.push({ name: `${execution.name}.export`, doc: JSON.parse(exportExecution(execution)), definition: null });
  }
  for (const pick of RECORDED_PICKS) {
    const file = path.join(HISTORIES_DIR, `${pick}.history.json`);
    const definition = path.join(HISTORIES_DIR, `${pick}.definition.json`);
    seeds.push({ name: pick, doc: JSON.parse(readFileSync(file, "utf8")), definition: readFileSync(definition, "utf8") });
  }
  return seeds;
}
