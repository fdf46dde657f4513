/**
 * How long the failures page's groups and the overview's figures take on a large SQLite store:
 * N synthetic executions over 90 days (bench/fill-executions.ts, 13% failed or timed out), their
 * failure columns set in SQL to 60 groups per machine (as ingestion would), then failureGroups and
 * machineOverview timed for the last 7 and 90 days.
 *
 *   npx tsx bench/failure-groups-scale.ts [N]
 */
import Database from "better-sqlite3";
import { createDb } from "../lib/db/client";
import { resolveDatabaseUrl } from "../lib/db/database-url";
import { failureGroups } from "../lib/db/failure-groups";
import { machineOverview } from "../lib/db/overview";
import { DEFAULT_END_DATE, fillExecutions } from "./fill-executions";

const n = Number(process.argv[2] ?? 200_000);
const fill = await fillExecutions({ n, onProgress: () => undefined });
const raw = new Database(fill.file);
raw.exec(`UPDATE "Execution" SET "failureKey" = "stateMachineId" || '-' || (abs(random()) % 60)
  WHERE "status" IN ('FAILED','TIMED_OUT') AND "failureKey" IS NULL`);
raw.exec(`UPDATE "Execution" SET "failureState" = 'Charge', "failureError" = 'Error' || substr("failureKey", -2), "failureCause" = 'cause <n>'
  WHERE "failureKey" IS NOT NULL`);
const failed = (raw.prepare(`SELECT count(*) AS c FROM "Execution" WHERE "failureKey" IS NOT NULL`).get() as { c: number }).c;
raw.close();
const db = createDb(resolveDatabaseUrl(`file:${fill.file}`));
const until = DEFAULT_END_DATE;
for (const days of [7, 90]) {
  const since = new Date(until.getTime() - days * 86_400_000);
  const previous = { since: new Date(since.getTime() - days * 86_400_000), until: since };
  for (let run = 0; run < 2; run++) {
    let t = performance.now();
    const groups = await failureGroups(db, { since, until });
    const groupsMs = performance.now() - t;
    t = performance.now();
    await machineOverview(db, { since, until }, previous);
    const overviewMs = performance.now() - t;
    const inRange = groups.groups.reduce((sum, g) => sum + g.count, 0);
    console.log(
      `${n} executions (${failed} failed), last ${days} d: ${groups.groups.length} groups of ${inRange} executions in ${groupsMs.toFixed(0)} ms; overview ${overviewMs.toFixed(0)} ms`,
    );
  }
}
await db.$disconnect();
