import type { IngestSummary } from "../ingest/types";
import { printableLine } from "../text/printable";

/** Nothing could be ingested at all: errors and no execution looked at (the only failing exit). */
export function nothingIngested(summary: IngestSummary): boolean {
  return summary.errors.length > 0 && summary.executions === 0 && summary.files === 0;
}

/** Adds `more` into `into` (several `ingest files` paths make one summary). */
export function mergeSummary(into: IngestSummary, more: IngestSummary): void {
  into.stateMachines += more.stateMachines;
  into.files += more.files;
  into.executions += more.executions;
  into.inserted += more.inserted;
  into.updated += more.updated;
  into.unchanged += more.unchanged;
  into.events += more.events;
  into.errors.push(...more.errors);
  into.skipped.push(...more.skipped);
}

/** The human summary of a run: one count line, then one line per error and skipped file. */
export function formatSummary(summary: IngestSummary, what: string, seconds: number): string {
  const lines = [
    `${what}: ${summary.executions} executions (${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged), ` +
      `${summary.events} events stored, ${summary.errors.length} errors in ${seconds.toFixed(1)} s`,
  ];
  // targets and messages quote file names and file contents: no terminal escapes get through
  for (const error of summary.errors)
    lines.push(printableLine(`  error    ${error.target}: ${error.code ? `${error.code}: ` : ""}${error.message}`));
  for (const file of summary.skipped) lines.push(printableLine(`  skipped  ${file} (valid JSON in no known format)`));
  return lines.join("\n");
}
