import type { Command } from "commander";
import { cliActor } from "../../audit/audit-actor";
import { recordAudit } from "../../audit/record-audit";
import { deleteExecutionsBefore } from "../../db/delete-executions-before";
import { openDb } from "../context";
import { parseDuration } from "../parse-duration";

interface PruneOptions {
  olderThan: string;
  dryRun?: boolean;
  json?: boolean;
}

export function registerPrune(program: Command): void {
  program
    .command("prune")
    .description(
      "delete executions that started before a cutoff, with their history and state runs (STATELENS_RETENTION_DAYS does this after every ingest)",
    )
    .requiredOption("--older-than <duration>", "age of the oldest execution kept, e.g. 90d, 12h")
    .option("--dry-run", "only count what would be deleted")
    .option("--json", "print a JSON summary")
    .action(async (options: PruneOptions) => {
      const cutoff = new Date(Date.now() - parseDuration(options.olderThan, "--older-than"));
      const { db } = await openDb();
      const result = await deleteExecutionsBefore(db, cutoff, {
        dryRun: options.dryRun,
        onBatch: options.json ? undefined : (totals) => console.error(`deleted ${totals.executions} executions so far...`),
      });
      if (!options.dryRun)
        await recordAudit(db, { actor: cliActor(), action: "prune", target: cutoff.toISOString(), details: { ...result } });
      if (options.json) {
        console.log(JSON.stringify({ cutoff: cutoff.toISOString(), dryRun: options.dryRun === true, ...result }));
        return;
      }
      const verb = options.dryRun ? "would delete" : "deleted";
      console.log(`${verb} ${result.executions} executions (${result.events} history events) that started before ${cutoff.toISOString()}`);
    });
}
