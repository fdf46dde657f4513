import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import { storedHistoryEvents, type StoredExecution } from "../../db/get-execution";
import { findStoredExecution } from "../../replay/replay-store";
import { exportExecution } from "../../ingest/export-execution";
import type { ExecutionSource, IngestedExecution } from "../../ingest/types";
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
      const text = exportExecution(toIngested(stored));
      if (!options.output) {
        process.stdout.write(text);
        return;
      }
      await writeFile(options.output, text);
      console.error(`wrote ${options.output}: ${stored.name} (${stored.status}, ${stored.events.length} events)`);
    });
}

function toIngested(stored: StoredExecution): IngestedExecution {
  return {
    executionArn: stored.executionArn,
    name: stored.name,
    stateMachineArn: stored.stateMachine.arn,
    stateMachineName: stored.stateMachine.name,
    type: stored.type === "EXPRESS" ? "EXPRESS" : "STANDARD",
    status: stored.status,
    startDate: stored.startDate,
    stopDate: stored.stopDate,
    input: stored.input,
    output: stored.output,
    error: stored.error,
    cause: stored.cause,
    redriveCount: stored.redriveCount,
    source: stored.source as ExecutionSource,
    definition: stored.version?.definition ?? null,
    region: stored.region,
    accountId: stored.accountId,
    parentExecutionArn: stored.parentExecutionArn,
    mapRunArn: stored.mapRunArn,
    incomplete: stored.incomplete,
    events: storedHistoryEvents(stored.events),
  };
}
