import type { Command } from "commander";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { cliActor } from "../../audit/audit-actor";
import { recordAudit } from "../../audit/record-audit";
import { saveExecution } from "../../db/save-execution";
import { executionFromHistoryFile } from "../../ingest/sources/history-file";
import { checkDefinitionText } from "../definition-check";
import { openDb } from "../context";
import { withoutBom } from "../../text/without-bom";
import { printableLine } from "../../text/printable";

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
      const sharedDefinition = options.definition ? await readDefinition(options.definition) : undefined;
      const summary = { inserted: 0, updated: 0, unchanged: 0, events: 0, errors: [] as { file: string; message: string }[] };
      for (const target of paths) {
        for (const { file, definitionFile } of await filesToImport(target)) {
          try {
            const definition = sharedDefinition ?? (definitionFile ? await readDefinition(definitionFile) : undefined);
            const text = withoutBom(await readFile(file, "utf8"));
            const execution = executionFromHistoryFile(text, {
              fileName: file,
              definition,
              name: paths.length === 1 && options.name ? options.name : undefined,
              stateMachineName: options.stateMachine ?? (definitionFile ? path.basename(definitionFile, ".definition.json") : "imported"),
            });
            const { outcome } = await saveExecution(db, execution);
            summary[outcome] += 1;
            summary.events += execution.events.length;
            if (!options.json)
              console.log(
                printableLine(
                  `${outcome.padEnd(9)} ${execution.name} (${execution.status}, ${execution.events.length} events) from ${file}`,
                ),
              );
          } catch (err) {
            summary.errors.push({ file, message: (err as Error).message });
            if (!options.json) console.error(printableLine(`error     ${file}: ${(err as Error).message}`));
          }
        }
      }
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

async function readDefinition(file: string): Promise<string> {
  const text = withoutBom(
    await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
      throw new Error(`definition ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
    }),
  );
  checkDefinitionText(text, file);
  return text;
}
