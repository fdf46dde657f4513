import type { Command } from "commander";
import type { Db } from "../../db/client";
import { storeIsEmpty } from "../../db/list-state-machines";
import { saveExecution } from "../../db/save-execution";
import { generateDemo } from "../../examples/generate-demo";
import { openDb } from "../context";

export const DEFAULT_DEMO_COUNT = 400;

/** Stores `count` demo executions; returns counts by status. */
export async function storeDemo(db: Db, count: number, seed = 42): Promise<Record<string, number>> {
  const byStatus: Record<string, number> = {};
  for await (const execution of generateDemo({ count, seed })) {
    await saveExecution(db, execution);
    byStatus[execution.status] = (byStatus[execution.status] ?? 0) + 1;
  }
  return byStatus;
}

/** Loads the demo data when the store holds no executions at all; returns how many were stored. */
export async function seedDemoIfEmpty(db: Db): Promise<number> {
  if (!(await storeIsEmpty(db))) return 0;
  await storeDemo(db, DEFAULT_DEMO_COUNT);
  return DEFAULT_DEMO_COUNT;
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("store demo executions of the four example workflows, run on the local engine over the last 90 days")
    .option("-n, --count <n>", "how many executions", String(DEFAULT_DEMO_COUNT))
    .option("--seed <n>", "random seed (the same seed gives the same data)", "42")
    .action(async (options: { count: string; seed: string }) => {
      const count = Number(options.count);
      if (!Number.isInteger(count) || count < 1 || count > 100_000)
        throw new Error(`--count must be a whole number from 1 to 100000, got "${options.count}"`);
      const { db } = await openDb();
      const started = Date.now();
      const byStatus = await storeDemo(db, count, Number(options.seed) || 42);
      const summary = Object.entries(byStatus)
        .map(([s, n]) => `${n} ${s}`)
        .join(", ");
      console.log(`stored ${count} demo executions (${summary}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
}
