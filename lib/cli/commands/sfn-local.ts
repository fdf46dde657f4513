import type { Command } from "commander";
import { saveExecution } from "../../db/save-execution";
import { recordAudit } from "../../audit/record-audit";
import { sfnAuditEntry } from "../../audit/sfn-audit-entry";
import { openEngineJournal } from "../../db/engine-journal";
import { createLocalSfnService, openLocalSfnService, startSfnServer, SUPPORTED_TARGETS, type LocalSfnService } from "../../sfn-api";
import { readWaitClock, WAIT_CLOCK_HELP } from "../../sfn-api/wall-clock";
import type { SfnCallRecord } from "../../sfn-api/sfn-server";
import type { IngestedExecution } from "../../ingest/types";
import { openDb } from "../context";
import { isLocalHost } from "./serve";

interface SfnLocalOptions {
  port: string;
  host: string;
  region: string;
  account: string;
  store?: boolean;
  allowHost?: string;
  waitClock?: string;
}

export function registerSfnLocal(program: Command): void {
  program
    .command("sfn-local")
    .description(
      "serve the local engine behind the AWS Step Functions API, for the AWS SDK/CLI (--endpoint-url) and `statelens ingest aws --endpoint`",
    )
    .option("-p, --port <port>", "port", "8083")
    .option("-H, --host <host>", "address to bind", "127.0.0.1")
    .option("--region <region>", "region in the ARNs it creates", "us-east-1")
    .option("--account <id>", "account id in the ARNs it creates", "123456789012")
    .option(
      "--store",
      "keep the engine's state in the database (state machines, versions, aliases, tags, activities, executions: a restart, even after kill -9, goes on where it stopped), show every execution on the dashboard (source: local) and audit every call that changes something",
    )
    .option(
      "--allow-host <names>",
      "comma-separated Host names to accept besides localhost/127.0.0.1/[::1] (requests naming any other host are refused: DNS rebinding)",
      process.env.STATELENS_ALLOWED_HOSTS,
    )
    .option("--wait-clock <mode>", WAIT_CLOCK_HELP)
    .action(async (options: SfnLocalOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${options.port}"`);
      if (!isLocalHost(options.host)) throw new Error(`sfn-local has no access control: bind it to 127.0.0.1 (got ${options.host})`);
      if (!/^\d{12}$/.test(options.account)) throw new Error(`--account must be 12 digits, got "${options.account}"`);
      const waitClock = readWaitClock(options.waitClock);
      const db = options.store ? (await openDb()).db : undefined;
      const serviceOptions = {
        region: options.region,
        accountId: options.account,
        waitClock,
        onExecutionFinished: db ? async (execution: IngestedExecution) => void (await saveExecution(db, execution)) : undefined,
        onExecutionWaiting: db ? async (execution: IngestedExecution) => void (await saveExecution(db, execution)) : undefined,
      };
      let service: LocalSfnService;
      const journal = db ? await openEngineJournal(db, `${options.region}:${options.account}`) : undefined;
      if (journal) {
        const opened = await openLocalSfnService({ ...serviceOptions, journal });
        service = opened.service;
        const { stateMachines, activities, executions, resumed, unreadable } = opened.restored;
        console.log(
          `restored from the store: ${stateMachines} state machines, ${activities} activities, ${executions} executions (${resumed} running, resumed)`,
        );
        for (const problem of unreadable) console.error(`  not restored: ${problem}`);
      } else service = createLocalSfnService(serviceOptions);
      const allowedHosts = (options.allowHost ?? "")
        .split(",")
        .map((h) => h.trim())
        .filter(Boolean);
      const onCall = db
        ? async (call: SfnCallRecord) => {
            const entry = sfnAuditEntry(call, { actor: "local", ip: call.remoteAddress });
            if (entry) await recordAudit(db, entry);
          }
        : undefined;
      const server = await startSfnServer({ service, port, host: options.host, allowedHosts, onCall });
      console.log(
        `statelens local Step Functions API on ${server.url} (region ${options.region}, account ${options.account}, wait clock ${waitClock})`,
      );
      console.log(`  aws stepfunctions --endpoint-url ${server.url} list-state-machines`);
      console.log(`  statelens ingest aws --endpoint ${server.url} --region ${options.region}`);
      console.log(syncEndpointsLine(server.url));
      console.log(`operations: ${SUPPORTED_TARGETS.map((t) => t.split(".")[1]).join(", ")}`);
      console.log("Ctrl-C to stop");
      await new Promise<void>((resolve) => process.once("SIGINT", resolve));
      await server.close();
      // what the engine changed in its last moments is written before the claim on the store is given up
      await service.context.durable?.flush();
      await journal?.close();
    });
}

/**
 * The AWS CLI and SDKs prefix the endpoint's host with `sync-` for start-sync-execution and
 * test-state (`http://sync-127.0.0.1:PORT`, an IP literal included), which no resolver finds.
 * botocore 1.37.5+ (February 2025) and the AWS CLI v2 skip the prefix with
 * AWS_DISABLE_HOST_PREFIX_INJECTION=true (or `disable_host_prefix_injection = true` in the
 * profile); the AWS SDK for JavaScript with `disableHostPrefix: true`. Any client works through
 * `localhost` once the hosts file maps `sync-localhost` (glibc's files backend and nss-myhostname
 * resolve no `sync-localhost` of their own: it is not a `*.localhost` name); the server answers
 * Host `sync-localhost:PORT` (host-allowed.ts).
 */
export function syncEndpointsLine(url: string): string {
  const port = new URL(url).port;
  return [
    "  start-sync-execution and test-state: the AWS CLI and SDKs call sync-<host>; either turn the prefix off:",
    `    AWS_DISABLE_HOST_PREFIX_INJECTION=true aws stepfunctions --endpoint-url ${url} start-sync-execution --state-machine-arn <arn>`,
    "    (SDK for JavaScript: new SFNClient({ endpoint, disableHostPrefix: true })), or add this line to /etc/hosts:",
    "    127.0.0.1 sync-localhost",
    `    and use --endpoint-url http://localhost:${port}`,
  ].join("\n");
}
