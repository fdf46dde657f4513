/**
 * Profiles our interpreter on one bench workflow (V8 sampling profiler through node:inspector)
 * and prints the top self-time hotspots by function and by file, for the interpreter engineer.
 *
 *   npx tsx bench/profile-interpreter.ts <choice-loop|map-items|intrinsic-chain|jsonata-chain|history-25k> [runs] [--save file.cpuprofile]
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { historyWorkflow } from "./history/history-workflow";
import { interpreterWorkflows } from "./interpreter.bench";
import { runOurs } from "./interpreter/engines";
import { formatTable } from "./support/format-table";
import { profileSummary, type CpuProfile } from "./support/profile-summary";
import { REPO_ROOT } from "./support/run-child";

const [id = "map-items", runsArg = "3"] = process.argv.slice(2).filter((a) => !a.startsWith("--") && !a.endsWith(".cpuprofile"));
const saveAt = process.argv.indexOf("--save");
const workflow = id === "history-25k" ? historyWorkflow() : interpreterWorkflows().find((w) => w.id === id);
if (!workflow) throw new Error(`unknown workflow ${id}`);
await runOurs(workflow);
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });
await session.post("Profiler.start");
const start = performance.now();
for (let i = 0; i < Number(runsArg); i++) await runOurs(workflow);
const ms = performance.now() - start;
const { profile } = (await session.post("Profiler.stop")) as { profile: CpuProfile };
session.disconnect();
if (saveAt > 0) writeFileSync(process.argv[saveAt + 1], JSON.stringify(profile));
const summary = profileSummary(profile, REPO_ROOT, 25);
console.log(
  `${workflow.id}: ${runsArg} runs in ${ms.toFixed(0)} ms (${Math.round((workflow.transitions * Number(runsArg) * 1000) / ms)} transitions/s under the profiler)\n`,
);
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
