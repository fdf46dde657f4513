import { exampleInvoker } from "../../examples/example-invoker";
import type { Command } from "commander";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { cliActor } from "../../audit/audit-actor";
import type { ExecutionDiff } from "../../replay/diff-executions";
import { exportTest } from "../../replay/export-test";
import { patchIssues, type JsonPatchOperation } from "../../replay/json-patch";
import { parseMissingRule, type MissingRule } from "../../replay/missing-rule";
import { findStoredExecution, replayStored, sourceFromStored, type StoredReplay } from "../../replay/replay-store";
import { whatIf } from "../../replay/what-if";
import { openDb, readJsonArg } from "../context";
import { parseDuration } from "../parse-duration";
import { withoutBom } from "../../text/without-bom";

interface ReplayCliOptions {
  from?: string;
  input?: string;
  patch?: string;
  definition?: string;
  missing: string;
  json?: boolean;
  store: boolean;
}

async function readText(file: string, what: string): Promise<string> {
  const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new Error(`${what}: cannot read ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  });
  return withoutBom(text);
}

/** `fail`, `examples` or `mocks:<file>#<case>` (the mock file read and parsed here). */
export async function missingRuleArg(text: string): Promise<MissingRule> {
  const rule = parseMissingRule(text);
  if (rule.kind !== "mocks") return rule.kind;
  return { mocks: await readJsonArg(`@${rule.file}`, "--missing"), testCase: rule.testCase };
}

const ms = (n: number | null) => (n === null ? "?" : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n} ms`);

/** The human summary of a replay: outcome, where it started, what it answered, how it differs. */
export function formatReplay(result: StoredReplay): string {
  const { original, replay, diff } = result;
  const lines = [
    `replayed ${original.name} from ${replay.checkpoint ? `${replay.checkpoint.label} (event ${replay.checkpoint.eventId})` : "the start"}: ${original.status} -> ${replay.status}`,
  ];
  if (replay.error) lines.push(`  error: ${replay.error}${replay.cause ? `: ${replay.cause.slice(0, 300)}` : ""}`);
  if (replay.edits) lines.push(`  edits: ${Object.keys(replay.edits).join(", ")}`);
  lines.push(
    `  task calls: ${replay.answered} answered from the recording, ${replay.missed.length} not recorded${replay.missed.length ? ` (${[...new Set(replay.missed.map((m) => m.stateName))].join(", ")})` : ""}`,
  );
  lines.push(replay.id ? `  stored as ${replay.name} (id ${replay.id})` : `  not stored (${replay.name} would be its name)`);
  lines.push(...formatDiff(diff));
  return lines.join("\n");
}

export function formatDiff(diff: ExecutionDiff): string[] {
  if (diff.identical) return ["diff: identical to the original (same events, payloads and status; timestamps aside)"];
  const lines = [
    `diff: status ${diff.status.a} -> ${diff.status.b}, ${diff.events.a} -> ${diff.events.b} events, ${ms(diff.durationMs.a)} -> ${ms(diff.durationMs.b)}`,
  ];
  const d = diff.firstDivergence;
  if (d) {
    const side = (s: typeof d.a) => (s ? `${s.type}${s.stateName ? ` ${s.stateName}` : ""}` : "(nothing)");
    lines.push(`  first divergence at event #${d.index + 1} (${d.reason}): original ${side(d.a)} | replay ${side(d.b)}`);
  }
  for (const change of diff.changedStates.slice(0, 10)) {
    const what = change.changes.length
      ? change.changes
          .slice(0, 3)
          .map((c) => `${c.kind} ${c.path}`)
          .join(", ")
      : `error ${change.a.error ?? "none"} -> ${change.b.error ?? "none"}`;
    lines.push(`  changed ${change.stateName}: ${what}${change.changes.length > 3 ? `, +${change.changes.length - 3} more` : ""}`);
  }
  if (diff.changedStates.length > 10) lines.push(`  ... ${diff.changedStates.length - 10} more changed states`);
  if (diff.onlyInA.length) lines.push(`  only in the original: ${diff.onlyInA.join(", ")}`);
  if (diff.onlyInB.length) lines.push(`  only in the replay: ${diff.onlyInB.join(", ")}`);
  const slower = diff.timing.filter((t) => t.deltaMs !== 0).slice(0, 5);
  if (slower.length) lines.push(`  timing: ${slower.map((t) => `${t.stateName} ${ms(t.aMs)} -> ${ms(t.bMs)}`).join("; ")}`);
  return lines;
}

export function registerReplay(program: Command): void {
  program
    .command("replay")
    .description(
      "re-run a stored execution on the local engine, task results from its recording; from a checkpoint, with edits; print the difference",
    )
    .argument("<execution>", "execution id, ARN or name")
    .option(
      "--from <checkpoint>",
      "start at a checkpoint instead of the start: an event id (any state entry, or a retried attempt's Scheduled event); a top-level state name (its last entry); a path such as Fan[2]/Work or Fan[2]/Work@3 (Map index in [], attempt after @, first match; a nested name alone: its first entry)",
    )
    .option("--input <json|@file>", "replace the input of the checkpoint state (of the execution, without --from)")
    .option("--patch <json|@file>", "RFC 6902 JSON Patch applied to that input")
    .option("--definition <file>", "run this definition instead of the recorded one")
    .option("--missing <rule>", "answer task calls the recording has no result for: fail | examples | mocks:<file>#<test case>", "fail")
    .option("--json", "print {replay, diff} as JSON")
    .option("--no-store", "do not store the replay as a new execution")
    .action(async (ref: string, options: ReplayCliOptions) => {
      const patch = options.patch === undefined ? undefined : await readJsonArg(options.patch, "--patch");
      if (patch !== undefined && patchIssues(patch).length) throw new Error(`--patch: ${patchIssues(patch).join("; ")}`);
      const input = options.input === undefined ? undefined : await readJsonArg(options.input, "--input");
      const definition = options.definition === undefined ? undefined : await readText(options.definition, "--definition");
      const { db } = await openDb();
      const result = await replayStored(db, ref, {
        from: options.from,
        ...(options.input === undefined ? {} : { input }),
        patch: patch as JsonPatchOperation[] | undefined,
        definition,
        onMissing: await missingRuleArg(options.missing),
        exampleHandlers: exampleInvoker,
        store: options.store,
        actor: cliActor(),
      });
      console.log(
        options.json
          ? JSON.stringify({ replay: { ...result.replay, original: result.original }, diff: result.diff }, null, 2)
          : formatReplay(result),
      );
      if (result.replay.status !== "SUCCEEDED") process.exitCode = 2;
    });

  program
    .command("what-if")
    .description("replay every stored execution of a state machine against a new definition and report which now succeed")
    .requiredOption("--state-machine <name>", "state machine name or ARN")
    .requiredOption("--definition <file>", "the new definition")
    .option("--since <duration>", "only executions started within this long (e.g. 7d, 12h)")
    .option("--status <status>", "only executions with this status (e.g. FAILED)")
    .option("--missing <rule>", "answer task calls the recordings have no result for: fail | examples | mocks:<file>#<test case>", "fail")
    .option("--json", "print the report as JSON")
    .action(
      async (options: { stateMachine: string; definition: string; since?: string; status?: string; missing: string; json?: boolean }) => {
        const since = options.since ? new Date(Date.now() - parseDuration(options.since, "--since")) : undefined;
        const definition = await readText(options.definition, "--definition");
        const { db } = await openDb();
        const report = await whatIf(db, {
          stateMachine: options.stateMachine,
          definition,
          since,
          status: options.status?.toUpperCase(),
          onMissing: await missingRuleArg(options.missing),
          exampleHandlers: exampleInvoker,
          onProgress: (done, total, name) => process.stderr.write(`\rreplaying ${done}/${total}: ${name}\u001b[K`),
        });
        process.stderr.write("\n");
        if (options.json) {
          console.log(JSON.stringify(report, null, 2));
          return;
        }
        console.log(`${report.stateMachine}: ${report.total} executions replayed against ${options.definition}`);
        console.log(
          `  now succeed: ${report.nowSucceed.length}${
            report.nowSucceed.length
              ? ` (${report.nowSucceed
                  .slice(0, 20)
                  .map((r) => r.name)
                  .join(", ")}${report.nowSucceed.length > 20 ? ", ..." : ""})`
              : ""
          }`,
        );
        console.log(
          `  now fail:    ${report.nowFail.length}${
            report.nowFail.length
              ? ` (${report.nowFail
                  .slice(0, 20)
                  .map((r) => `${r.name}: ${r.after} ${r.error ?? ""}`.trim())
                  .join(", ")})`
              : ""
          }`,
        );
        console.log(`  unchanged:   ${report.unchanged}`);
        const problems = report.rows.filter((r) => r.problem);
        if (problems.length) console.log(`  could not replay: ${problems.length} (${problems[0].name}: ${problems[0].problem})`);
      },
    );

  program
    .command("export-test")
    .description("write a Step Functions Local mock config whose test case reproduces a stored execution with `statelens run --mocks`")
    .argument("<execution>", "execution id, ARN or name")
    .requiredOption("-o, --output <file>", "mock configuration file to write (the definition and input are written beside it)")
    .option("--test-case <name>", "test case name", "Recorded")
    .action(async (ref: string, options: { output: string; testCase: string }) => {
      const { db } = await openDb();
      const stored = await findStoredExecution(db, ref);
      if (!stored) throw new Error(`no stored execution has the id, ARN or name "${ref}"`);
      const source = sourceFromStored(stored);
      const exported = exportTest(source.events, source.definition, stored.stateMachine.name, options.testCase);
      const stem = options.output.replace(/\.json$/i, "");
      const definitionFile = `${stem}.definition.json`;
      const inputFile = `${stem}.input.json`;
      await mkdir(path.dirname(path.resolve(options.output)), { recursive: true });
      await writeFile(options.output, `${JSON.stringify(exported.mockConfig, null, 2)}\n`);
      await writeFile(definitionFile, `${JSON.stringify(JSON.parse(source.definition as string), null, 2)}\n`);
      await writeFile(inputFile, `${stored.input ?? "{}"}\n`);
      console.log(
        `wrote ${options.output} (test case "${exported.testCase}", ${Object.keys(exported.mockConfig.MockedResponses).length} mocked states), ${definitionFile}, ${inputFile}`,
      );
      if (exported.unfinished.length) console.log(`  left out calls the recording never saw finish: ${exported.unfinished.join(", ")}`);
      console.log(
        `reproduce it with:\n  statelens run ${definitionFile} --input @${inputFile} --state-machine ${stored.stateMachine.name} --mocks ${options.output} --test-case ${exported.testCase}`,
      );
    });
}
