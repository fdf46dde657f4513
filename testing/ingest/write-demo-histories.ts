import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateDemo } from "../../lib/examples/generate-demo";

/**
 * Writes `count` demo executions as `statelens import` input (`<name>.history.json` beside
 * `<name>.definition.json`), deterministically: the same count and seed give the same files.
 */
export async function writeDemoHistories(dir: string, count: number, seed = 42): Promise<number> {
  mkdirSync(dir, { recursive: true });
  let events = 0;
  for await (const execution of generateDemo({ count, seed, now: new Date(Date.UTC(2026, 9, 1)) })) {
    const history = { events: execution.events.map((e) => ({ ...e, timestamp: e.timestamp.toISOString() })) };
    writeFileSync(path.join(dir, `${execution.name}.history.json`), JSON.stringify(history));
    writeFileSync(path.join(dir, `${execution.name}.definition.json`), execution.definition ?? "{}");
    events += execution.events.length;
  }
  return events;
}
