import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { detectFormat, UnrecognizedFormatError } from "./detect-format";
import { executionFromExport } from "./export-execution";
import { IngestFormatError } from "./parse-json-text";
import { withRedaction } from "./redact";
import { baseName, executionFromEvents, parseHistoryValue } from "./sources/history-file";
import { executionsFromLogRecords } from "./sources/log-records";
import { BATCH_EXECUTIONS, BatchWriter } from "./save-batches";
import { countSave, emptySummary, type IngestedExecution, type IngestSink, type IngestSummary, type ProgressFn } from "./types";
import { withoutBom } from "../text/without-bom";

export interface IngestFolderOptions {
  /** JSONPath expressions whose values become "[REDACTED]" before the sink sees them. */
  redactPaths?: string[];
  /** State machine name for histories that have no sibling definition (default "imported"). */
  stateMachineName?: string;
}

const DATA_FILE = /\.(json|jsonl|ndjson|log)$/i;
const DEFINITION_FILE = /\.(definition|asl)\.json$/i;
/** Executions read from files and not yet stored, at most. */
const READ_AHEAD = 2 * BATCH_EXECUTIONS;

/**
 * Imports every history / CloudWatch Logs / export file under `target` (a folder, searched
 * recursively, or one file). Executions are saved in bounded batches across files (BatchWriter; a
 * batch that fails is saved one by one, so a bad execution is reported alone); a file that
 * fails is recorded in `errors` with its name and the rest go on; valid JSON in no known format
 * (an index.json) is listed in `skipped`. `<name>.definition.json` next to
 * `<name>.history.json` is taken as the definition that ran, and `<name>` as its state machine.
 */
export async function ingestFolder(
  target: string,
  sink: IngestSink,
  onProgress: ProgressFn = () => {},
  options: IngestFolderOptions = {},
): Promise<IngestSummary> {
  const summary = emptySummary();
  const output = withRedaction(sink, options.redactPaths ?? []);
  const root = statSync(target).isDirectory() ? target : path.dirname(target);
  const files = statSync(target).isDirectory() ? listDataFiles(target) : [target];
  const seenStateMachines = new Set<string>();
  // One writer for the whole folder: small files (one execution each) share transactions. Reading
  // runs ahead of the store by at most READ_AHEAD executions, so memory stays bounded.
  const writer = new BatchWriter(output);
  const saving = new Set<Promise<void>>();
  for (const [index, file] of files.entries()) {
    const label = path.relative(root, file) || path.basename(file);
    onProgress({ phase: "file", target: label, done: index, total: files.length, summary });
    let executions: IngestedExecution[];
    try {
      executions = executionsFromFile(file, options);
    } catch (error) {
      if (error instanceof UnrecognizedFormatError) summary.skipped.push(label);
      else summary.errors.push({ target: label, message: messageOf(error), code: error instanceof IngestFormatError ? "parse" : "io" });
      continue;
    }
    summary.files++;
    for (const execution of executions) {
      const saved = writer.save(execution).then(
        (result) => {
          countSave(summary, result, execution.events.length);
          seenStateMachines.add(execution.stateMachineArn);
          summary.stateMachines = seenStateMachines.size;
        },
        (error: unknown) => {
          summary.errors.push({ target: `${label}: ${execution.executionArn}`, message: messageOf(error), code: "sink" });
        },
      );
      saving.add(saved);
      void saved.finally(() => saving.delete(saved));
      while (saving.size >= READ_AHEAD) await Promise.race(saving);
    }
  }
  await Promise.all(saving);
  onProgress({ phase: "done", target: root, done: files.length, total: files.length, summary });
  return summary;
}

/** The executions in one file, whatever its format. */
export function executionsFromFile(file: string, options: IngestFolderOptions = {}): IngestedExecution[] {
  const text = withoutBom(readFileSync(file, "utf8"));
  const detected = detectFormat(text);
  const definition = siblingDefinition(file);
  if (detected.kind === "export") return [executionFromExport(detected.value)];
  if (detected.kind === "logs") return executionsFromLogRecords(detected.records, { definition });
  const { events, nextToken } = parseHistoryValue(detected.value);
  return [
    executionFromEvents(events, {
      fileName: file,
      definition,
      stateMachineName: options.stateMachineName ?? (definition !== null ? baseName(file) : undefined),
      incomplete: nextToken ? "the file holds one page of the history (nextToken present)" : null,
    }),
  ];
}

function listDataFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listDataFiles(full));
    else if (entry.isFile() && DATA_FILE.test(entry.name) && !DEFINITION_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

function siblingDefinition(file: string): string | null {
  const base = path.join(path.dirname(file), baseName(file));
  for (const candidate of [`${base}.definition.json`, `${base}.asl.json`]) {
    if (existsSync(candidate)) return withoutBom(readFileSync(candidate, "utf8"));
  }
  return null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
