/**
 * Dev entry point: runs the recorded conformance suite (test-data/conformance) and writes the Markdown triage.
 *   npx tsx lib/conformance/run-triage.ts [casesDir] [triage.md] [--results FILE] [--filter TEXT]
 */
import { writeFileSync } from "node:fs";
import { CONFORMANCE_DIR } from "./corpus";
import { formatReport } from "./format-report";
import { formatTriage } from "./format-triage";
import { runConformance } from "./run-conformance";

/** Standing notes for the reader of the triage (things no run result shows). */
const NOTES = `
## Reading this

- "likely cause" is a heuristic: \`data gap\` / \`harness\` rows cannot pass with this recording
  (S3 item sources, unresolved definition placeholders, missing task results, StopExecution), so
  do not chase them; \`expressions\` = paths/intrinsics/JSONata/choice; \`engine\` = state machinery;
  \`engine (history events)\` = right result, wrong event list/details.
- The harness answers task calls from \`service_calls\`; a timed-out recorded call is answered
  with \`States.Timeout\`, failures keep the recorded error/cause, \`submitted\` and activity
  \`workerName\` are passed through as extra outcome fields.
- A recorded failure without an error name is answered with \`error: ""\`
  (\`TaskOutcome.error\` is a required string); the engine must treat \`""\` as absent.
- Re-run: \`npx tsx lib/conformance/run-triage.ts\` (about 2 s).
`;

async function main(argv: string[]): Promise<void> {
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const value = argv[i + 1];
    argv.splice(i, 2);
    return value;
  };
  const results = flag("--results");
  const filter = flag("--filter");
  const [dir = CONFORMANCE_DIR, out = "../notes/conformance-triage.md"] = argv;
  const report = await runConformance(dir, { results, filter });
  console.log(formatReport(report));
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  writeFileSync(out, `${formatTriage(report, { title: `Conformance triage (${stamp})` })}\n${NOTES}`);
  console.log(`triage written to ${out}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
