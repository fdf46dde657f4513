import type { Command } from "commander";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { cliActor } from "../../audit/audit-actor";
import { recordAudit } from "../../audit/record-audit";
import { prismaSink } from "../../db/prisma-sink";
import { BATCH_EXECUTIONS, BatchWriter } from "../../ingest/save-batches";
import type { IngestedExecution, IngestSink } from "../../ingest/types";
import { executionFromHistoryFile } from "../../ingest/sources/history-file";
import { checkDefinitionText } from "../definition-check";
import { openDb } from "../context";
import { withoutBom } from "../../text/without-bom";
import { printableLine } from "../../text/printable";

/** Executions read from files and not yet stored, at most. */
const READ_AHEAD = 2 * BATCH_EXECUTIONS;

interface ImportOptions {
  definition?: string;
  name?: string;
  stateMachine?: string;
  json?: boolean;
}

/** `x.history.json` in a folder pairs with `x.definition.json` beside it. */
async function filesToImport(target: string): Promise<{ file: string; definitionFile?: string }[]> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new Error(`${target}: no such file or folder`);
  if (!info.isDirectory()) {
    // a file given alone pairs as it would in its folder
    const definitionFile = path.join(path.dirname(target), definitionName(path.basename(target)));
    const paired = definitionFile !== target && (await stat(definitionFile).catch(() => null))?.isFile();
    return [{ file: target, definitionFile: paired ? definitionFile : undefined }];
  }
  const names = (await readdir(target)).sort();
  const set = new Set(names);
  return names
    .filter((n) => n.endsWith(".json") && !n.endsWith(".definition.json") && n !== "index.json")
    .map((n) => {
      const def = definitionName(n);
      return { file: path.join(target, n), definitionFile: set.has(def) ? path.join(target, def) : undefined };
    });
}

/** `x.history.json` (or `x.json`) -> `x.definition.json`. */
function definitionName(file: string): string {
  return file.replace(/\.history\.json$|\.json$/, ".definition.json");
}

export function registerImport(program: Command): void {
  program
    .command("import")
    .description('store histories exported by `aws stepfunctions get-execution-history` ({"events": [...]}), a file or a whole folder')
    .argument("<paths...>", "history JSON files or folders (x.history.json is paired with x.definition.json)")
    .option("--definition <file>", "the state machine definition (ASL JSON) that ran")
    .option("--name <name>", "execution name (default: the file name)")
    .option("--state-machine <name>", 'state machine name (default: the paired definition file\'s name, else "imported")')
    .option("--json", "print a JSON summary")
    .action(async (paths: string[], options: ImportOptions) => {
      const { db } = await openDb();
      // Before any work, so a run killed half-way still shows in the audit log.
      await recordAudit(db, { actor: cliActor(), action: "ingest-started", target: paths.join(" "), details: { command: "import" } });
      const summary = await importFiles(prismaSink(db), paths, options);
      await recordAudit(db, {
        actor: cliActor(),
        action: "ingest",
        target: paths.join(" "),
        details: { inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged, errors: summary.errors.length },
      });
      if (options.json) console.log(JSON.stringify(summary, null, 2));
      else
        console.log(
          `imported: ${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.events} events, ${summary.errors.length} errors`,
        );
      if (summary.errors.length) process.exitCode = 1;
    });
}

export interface ImportSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  events: number;
  errors: { file: string; message: string }[];
}

/** Reads the history files under `paths` and saves them through `sink`, printing a line per file unless `options.json`. */
export async function importFiles(sink: IngestSink, paths: string[], options: ImportOptions): Promise<ImportSummary> {
  const sharedDefinition = options.definition ? await readDefinition(options.definition) : undefined;
  const summary: ImportSummary = { inserted: 0, updated: 0, unchanged: 0, events: 0, errors: [] };
  // Files are read ahead of the store (at most READ_AHEAD executions) and saved in shared transactions.
  const writer = new BatchWriter(sink);
  const saving = new Set<Promise<void>>();
  const failed = (file: string, err: unknown) => {
    summary.errors.push({ file, message: (err as Error).message });
    if (!options.json) console.error(printableLine(`error     ${file}: ${(err as Error).message}`));
  };
  const files: { file: string; definitionFile?: string }[] = [];
  for (const target of paths) files.push(...(await filesToImport(target)));
  const read = async ({ file, definitionFile }: { file: string; definitionFile?: string }): Promise<IngestedExecution> => {
    const definition = sharedDefinition ?? (definitionFile ? await readDefinition(definitionFile) : undefined);
    const text = withoutBom(await readFile(file, "utf8"));
    return executionFromHistoryFile(text, {
      fileName: file,
      definition,
      name: paths.length === 1 && options.name ? options.name : undefined,
      stateMachineName: options.stateMachine ?? (definitionFile ? path.basename(definitionFile, ".definition.json") : "imported"),
    });
  };
  // A batch's worth of files is read at once and queued in one turn, so its executions share a transaction.
  for (let start = 0; start < files.length; start += BATCH_EXECUTIONS) {
    const group = files.slice(start, start + BATCH_EXECUTIONS);
    const executions = await Promise.allSettled(group.map(read));
    executions.forEach((outcome, i) => {
      const { file } = group[i];
      if (outcome.status === "rejected") return failed(file, outcome.reason);
      const execution = outcome.value;
      const saved = writer.save(execution).then(
        (result) => {
          summary[result] += 1;
          summary.events += execution.events.length;
          if (!options.json)
            console.log(
              printableLine(`${result.padEnd(9)} ${execution.name} (${execution.status}, ${execution.events.length} events) from ${file}`),
            );
        },
        (err: unknown) => failed(file, err),
      );
      saving.add(saved);
      void saved.finally(() => saving.delete(saved));
    });
    while (saving.size >= READ_AHEAD) await Promise.race(saving);
  }
  await Promise.all(saving);
  return summary;
}

async function readDefinition(file: string): Promise<string> {
  const text = withoutBom(
    await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
      throw new Error(`definition ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
    }),
  );
  checkDefinitionText(text, file);
  return text;
}
