import type { Command } from "commander";
import { existsSync } from "node:fs";
import { prismaSink } from "../../db/prisma-sink";
import { cliActor } from "../../audit/audit-actor";
import { recordAudit } from "../../audit/record-audit";
import { processHolder } from "../../db/lease-holder";
import { withLeases } from "../../db/leases";
import { ingestAws } from "../../ingest/ingest-aws";
import { ingestFolder } from "../../ingest/ingest-folder";
import { emptySummary, type IngestSummary } from "../../ingest/types";
import { openDb } from "../context";
import { formatSummary, mergeSummary, nothingIngested } from "../ingest-report";
import { parseDuration } from "../parse-duration";
import { createProgressReporter } from "../progress-reporter";
import { applyRetention } from "../retention";

interface AwsOptions {
  region?: string[];
  profile?: string;
  stateMachine?: string[];
  since: string;
  follow?: boolean;
  interval?: string;
  endpoint?: string;
  redact?: string[];
  json?: boolean;
  concurrency: string;
  logsTps: string;
}

interface FilesOptions {
  redact: string[];
  stateMachine?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerIngest(program: Command): void {
  const ingest = program
    .command("ingest")
    .description("import executions from AWS Step Functions, CloudWatch Logs or files (idempotent, resumable)");
  ingest
    .command("aws")
    .description(
      "import Standard executions (ListExecutions + GetExecutionHistory) and Express ones (CloudWatch Logs) from AWS or an SFN-compatible endpoint",
    )
    .option("--region <region...>", "regions to read (default: $AWS_REGION or $AWS_DEFAULT_REGION)")
    .option("--profile <name>", "named profile of the AWS shared config (credentials from the SDK's default chain)")
    .option("--state-machine <arn|name...>", "only these state machines (default: all of each region)")
    .option("--since <duration>", "how far back a first run (or a longer backfill) reaches, e.g. 90d, 12h", "90d")
    .option("--follow", "run again every --interval until Ctrl-C")
    .option("--interval <duration>", "pause between --follow runs", "60s")
    .option("--endpoint <url>", "an SFN-compatible endpoint, e.g. http://127.0.0.1:8083 (statelens sfn-local, LocalStack)")
    .option("--redact <jsonpath...>", "JSONPath of values replaced by \"[REDACTED]\" before storing, e.g. '$.card.number' '$..password'")
    .option("--json", "print a JSON summary per run instead of text")
    .option("--concurrency <n>", "AWS calls in flight per region", "4")
    .option(
      "--logs-tps <n>",
      "CloudWatch Logs FilterLogEvents calls per second per region (Express workflows; AWS allows 5 per account and region)",
      "5",
    )
    .action((options: AwsOptions) => ingestFromAws(options));
  ingest
    .command("files")
    .description(
      'import history exports ({"events": [...]}), CloudWatch Logs JSON lines and statelens exports; folders are searched recursively',
    )
    .argument("<paths...>", "files or folders (x.history.json pairs with x.definition.json)")
    .option("--redact <jsonpath>", "JSONPath redacted before storing (repeatable)", collect, [])
    .option("--state-machine <name>", 'state machine name for histories without a paired definition (default "imported")')
    .option("--json", "print a JSON summary instead of text")
    .action((paths: string[], options: FilesOptions) => ingestFromFiles(paths, options));
}

async function ingestFromAws(options: AwsOptions): Promise<void> {
  const regions = options.region?.length
    ? options.region
    : [process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION].filter((r): r is string => !!r);
  if (regions.length === 0) throw new Error("no region: pass --region (e.g. --region us-east-1) or set AWS_REGION");
  const sinceMs = parseDuration(options.since, "--since");
  const intervalMs = parseDuration(options.interval ?? "60s", "--interval");
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new Error(`--concurrency must be a whole number from 1 to 64, got "${options.concurrency}"`);
  const logsTps = Number(options.logsTps);
  if (!(logsTps > 0 && logsTps <= 100)) throw new Error(`--logs-tps must be a number above 0 and at most 100, got "${options.logsTps}"`);
  if (options.endpoint && !/^https?:\/\/[^/]+/.test(options.endpoint))
    throw new Error(`--endpoint must be an http(s) URL, got "${options.endpoint}"`);
  const { db } = await openDb();
  const sink = prismaSink(db);
  const stop = stopSignal(options.follow === true);
  // The endpoint as one spelling (no trailing slash): the lease key and the audit target agree.
  const endpoint = options.endpoint ? new URL(options.endpoint).href.replace(/\/$/, "") : undefined;
  try {
    for (;;) {
      const started = Date.now();
      const reporter = options.json ? undefined : createProgressReporter(process.stderr, "executions");
      // one worker per source (endpoint, profile, region) at a time: a run covering any region another
      // worker is ingesting right now waits its turn, whatever other regions either run lists
      const source = `${endpoint ?? "aws"}:${options.profile ?? "default"}`;
      const leaseKeys = [...new Set(regions)].map((region) => `ingest:aws:${source}:${region}`);
      const leaseKey = leaseKeys.join(" ");
      const run = await withLeases(db, leaseKeys, processHolder(), 120_000, async () => {
        // Once the run is ours and before any work, so a run killed half-way still shows in the audit log.
        await recordAudit(db, {
          actor: cliActor(),
          action: "ingest-started",
          target: `aws:${regions.join(",")}${endpoint ? `@${endpoint}` : ""}`,
          details: { command: "ingest aws" },
        });
        return ingestAws(
          {
            regions,
            profile: options.profile,
            stateMachines: options.stateMachine,
            since: new Date(started - sinceMs),
            endpoint: options.endpoint,
            concurrency,
            logsTps,
            redactPaths: options.redact,
          },
          sink,
          (progress) => reporter?.update(progress),
        );
      });
      reporter?.finish();
      if (!run.acquired) {
        console.error(`another statelens worker is ingesting ${regions.join(", ")} right now (lease ${leaseKey}); skipped this run`);
        if (!options.follow || stop.requested) return;
        if (!(await stop.sleep(intervalMs))) return;
        continue;
      }
      const summary = run.value!;
      await recordAudit(db, {
        actor: cliActor(),
        action: "ingest",
        target: `aws:${regions.join(",")}${endpoint ? `@${endpoint}` : ""}`,
        details: { inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged, errors: summary.errors.length },
      });
      const retention = await applyRetention(db);
      const where = `${regions.join(", ")}${options.endpoint ? ` via ${options.endpoint}` : ""}`;
      report(summary, `ingested ${summary.stateMachines} state machines from ${where}`, started, options.json, retention, {
        regions,
        endpoint: options.endpoint ?? null,
      });
      process.exitCode = nothingIngested(summary) ? 1 : 0;
      if (!options.follow || stop.requested) return;
      if (!options.json) console.error(`next run in ${options.interval ?? "60s"} (Ctrl-C to stop)`);
      if (!(await stop.sleep(intervalMs))) return;
    }
  } finally {
    stop.dispose();
  }
}

async function ingestFromFiles(paths: string[], options: FilesOptions): Promise<void> {
  const { db } = await openDb();
  const sink = prismaSink(db);
  const started = Date.now();
  const total = emptySummary();
  // Before any work, so a run killed half-way still shows in the audit log.
  await recordAudit(db, { actor: cliActor(), action: "ingest-started", target: paths.join(" "), details: { command: "ingest files" } });
  for (const target of paths) {
    if (!existsSync(target)) {
      total.errors.push({ target, code: "io", message: "no such file or folder" });
      continue;
    }
    const reporter = options.json ? undefined : createProgressReporter(process.stderr, "files");
    const summary = await ingestFolder(target, sink, (progress) => reporter?.update(progress), {
      redactPaths: options.redact,
      stateMachineName: options.stateMachine,
    });
    reporter?.finish();
    mergeSummary(total, summary);
  }
  await recordAudit(db, {
    actor: cliActor(),
    action: "ingest",
    target: paths.join(" "),
    details: { inserted: total.inserted, updated: total.updated, unchanged: total.unchanged, errors: total.errors.length },
  });
  const retention = await applyRetention(db);
  report(total, `ingested ${total.files} files`, started, options.json, retention, { paths });
  // Like `import`: any file or execution that could not be stored fails the command (skipped
  // files of no known format do not).
  process.exitCode = total.errors.length > 0 ? 1 : 0;
}

function report(
  summary: IngestSummary,
  what: string,
  started: number,
  json: boolean | undefined,
  retention: Awaited<ReturnType<typeof applyRetention>>,
  extra: object,
): void {
  const seconds = (Date.now() - started) / 1000;
  if (json) {
    console.log(JSON.stringify({ ...extra, ...summary, seconds, retention }));
    return;
  }
  console.log(formatSummary(summary, what, seconds));
  if (retention)
    console.log(
      `retention (STATELENS_RETENTION_DAYS=${retention.days}): deleted ${retention.executions} executions (${retention.events} events) older than ${retention.days} days`,
    );
}

/** SIGINT handling for --follow: the first Ctrl-C ends the loop after the current run, a second one quits now. */
function stopSignal(active: boolean) {
  let wake: (() => void) | undefined;
  const state = {
    requested: false,
    sleep(ms: number): Promise<boolean> {
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          wake = undefined;
          resolve(true);
        }, ms);
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          resolve(false);
        };
      });
    },
    dispose() {
      if (active) process.off("SIGINT", onSignal);
    },
  };
  function onSignal() {
    if (state.requested) process.exit(130);
    state.requested = true;
    if (wake) wake();
    else console.error("stopping after this run (Ctrl-C again to quit now)");
  }
  if (active) process.on("SIGINT", onSignal);
  return state;
}
