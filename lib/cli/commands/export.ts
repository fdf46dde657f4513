import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import { detailsKeyFor, type HistoryEvent } from "../../asl/history/types";
import { getExecution, type StoredExecution } from "../../db/get-execution";
import { exportExecution } from "../../ingest/export-execution";
import type { ExecutionSource, IngestedExecution } from "../../ingest/types";
import { openDb } from "../context";

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write one stored execution in the statelens export format (read back by `statelens ingest files`)")
    .argument("<execution>", "execution id or ARN")
    .option("-o, --output <file>", "write to this file instead of stdout")
    .action(async (idOrArn: string, options: { output?: string }) => {
      const { db } = await openDb();
      const stored = await getExecution(db, idOrArn);
      if (!stored) throw new Error(`no stored execution has the id or ARN "${idOrArn}"`);
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
    events: stored.events.map((row) => {
      const event: HistoryEvent = { timestamp: row.timestamp, type: row.type, id: row.eventId, previousEventId: row.previousEventId };
      if (row.details !== null) {
        const key = detailsKeyFor(row.type) ?? `${row.type.charAt(0).toLowerCase()}${row.type.slice(1)}EventDetails`;
        event[key as `${string}EventDetails`] = JSON.parse(row.details) as Record<string, unknown>;
      }
      return event;
    }),
  };
}
