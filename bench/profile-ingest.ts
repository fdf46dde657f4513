/**
 * Profiles saveExecution on one ingest shape (V8 sampling profiler through node:inspector) and
 * prints the top self-time hotspots by function and by file.
 *
 *   npx tsx bench/profile-ingest.ts <small|large> [sqlite|postgresql] [--save file.cpuprofile]
 *     small: 200 executions x 100 events; large: one 25,000-event execution
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { saveExecution } from "../lib/db/save-execution";
import { createTestDb } from "../lib/db/test-db";
import { ingestFixtures } from "./ingest/ingest-fixtures";
import { formatTable } from "./support/format-table";
import { profileSummary, type CpuProfile } from "./support/profile-summary";
import { REPO_ROOT } from "./support/run-child";

const [shape = "small", store = "sqlite"] = process.argv.slice(2).filter((a) => !a.startsWith("--") && !a.endsWith(".cpuprofile"));
const saveAt = process.argv.indexOf("--save");
const executions = shape === "large" ? await ingestFixtures(1, 25_000, "large") : await ingestFixtures(200, 100, "small");
if (store === "postgresql") process.env.STATELENS_TEST_DATABASE ??= "postgresql://postgres@127.0.0.1:5432/statelens_test";
else delete process.env.STATELENS_TEST_DATABASE;

const warm = await createTestDb();
for (const execution of executions.slice(0, 20)) await saveExecution(warm.db, execution);
await warm.close();

const { db, close } = await createTestDb();
await db.stateMachine.count();
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });
await session.post("Profiler.start");
const start = performance.now();
for (const execution of executions) await saveExecution(db, execution);
const ms = performance.now() - start;
const { profile } = (await session.post("Profiler.stop")) as { profile: CpuProfile };
session.disconnect();
await close();
if (saveAt > 0) writeFileSync(process.argv[saveAt + 1], JSON.stringify(profile));
const events = executions.reduce((n, e) => n + e.events.length, 0);
console.log(
  `${store} ${shape}: ${events} events in ${ms.toFixed(0)} ms (${Math.round((events * 1000) / ms)} events/s under the profiler)\n`,
);
const summary = profileSummary(profile, REPO_ROOT, 25);
console.log(
  formatTable(
    ["function (self time)", "%"],
    summary.functions.map((h) => [h.name, h.selfPercent]),
  ),
);
console.log();
console.log(
  formatTable(
    ["file (self time)", "%"],
    summary.files.map((h) => [h.name, h.selfPercent]),
  ),
);
