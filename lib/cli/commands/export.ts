import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import { findStoredExecution } from "../../replay/replay-store";
import { exportExecution } from "../../ingest/export-execution";
import { storedAsIngested } from "../../db/stored-as-ingested";
import { openDb } from "../context";

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write one stored execution in the statelens export format (read back by `statelens ingest files`)")
    .argument("<execution>", "execution id, ARN or name")
    .option("-o, --output <file>", "write to this file instead of stdout")
    .action(async (idOrArn: string, options: { output?: string }) => {
      const { db } = await openDb();
      const stored = await findStoredExecution(db, idOrArn);
      if (!stored) throw new Error(`no stored execution has the id, ARN or name "${idOrArn}"`);
      const text = exportExecution(storedAsIngested(stored));
      if (!options.output) {
        process.stdout.write(text);
        return;
      }
      await writeFile(options.output, text);
      console.error(`wrote ${options.output}: ${stored.name} (${stored.status}, ${stored.events.length} events)`);
    });
}
