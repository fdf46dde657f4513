import { CreateStateMachineCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../asl";
import { EXAMPLE_WORKFLOWS } from "../../examples";
import { HISTORIES_DIR } from "../../../testing/corpus";
import { createLocalSfnService, startSfnServer, type SfnServer } from "../../sfn-api";
import { localSfnClient } from "../../../testing/sfn-local-client";
import { CliHarness } from "../cli-test-harness";
import { openDb } from "../context";
import { registerExport } from "./export";
import { registerIngest } from "./ingest";
import { registerPrune } from "./prune";

const COUNT = 12;
let server: SfnServer;
let cli: CliHarness;

beforeAll(async () => {
  // Executions started three days ago (one minute apart), so prune and retention have something to cut.
  let tick = 0;
  const base = Date.now() - 3 * 86_400_000;
  server = await startSfnServer({ service: createLocalSfnService({ clock: { now: () => base + tick++ * 60_000 } }) });
  const sfn = localSfnClient(server.url);
  const rand = seededRandom(3).random;
  const arns = [];
  for (const workflow of EXAMPLE_WORKFLOWS) {
    arns.push(
      (
        await sfn.send(
          new CreateStateMachineCommand({
            name: workflow.name,
            definition: JSON.stringify(workflow.definition),
            roleArn: "arn:aws:iam::123456789012:role/r",
          }),
        )
      ).stateMachineArn!,
    );
  }
  for (let i = 0; i < COUNT; i++) {
    const k = i % EXAMPLE_WORKFLOWS.length;
    await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arns[k], name: `cli-${i}`, input: JSON.stringify(EXAMPLE_WORKFLOWS[k].input(i, rand)) }),
    );
  }
  sfn.destroy();
  cli = new CliHarness([registerIngest, registerPrune, registerExport]);
}, 60_000);

afterAll(async () => {
  await cli.close();
  await server.close();
});

describe("statelens ingest aws", () => {
  it("imports from an SFN endpoint, then finds everything unchanged", async () => {
    const first = await cli.run(
      "ingest",
      "aws",
      "--endpoint",
      server.url,
      "--region",
      "us-east-1",
      "--redact",
      "$..email",
      "$..customerEmail",
      "--json",
    );
    expect(first.exitCode).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({
      regions: ["us-east-1"],
      endpoint: server.url,
      stateMachines: EXAMPLE_WORKFLOWS.length,
      inserted: COUNT,
      errors: [],
      retention: null,
    });
    const { db } = await openDb();
    const inputs = (await db.execution.findMany({ select: { input: true } })).map((e) => e.input ?? "");
    expect(inputs.some((input) => input.includes('"email":"[REDACTED]"'))).toBe(true);
    expect(inputs.some((input) => input.includes("@example.com"))).toBe(false);
    // OrderFulfillment's buyer addresses live only under customer.email, so no event keeps one.
    expect(
      await db.historyEvent.count({
        where: { details: { contains: "@example.com" }, execution: { stateMachine: { name: "OrderFulfillment" } } },
      }),
    ).toBe(0);
    expect(await db.historyEvent.count({ where: { details: { contains: "[REDACTED]" } } })).toBeGreaterThan(COUNT);
    const again = await cli.run("ingest", "aws", "--endpoint", server.url, "--region", "us-east-1");
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(
      new RegExp(
        `^ingested 4 state machines from us-east-1 via ${server.url}: ${COUNT} executions \\(0 inserted, 0 updated, ${COUNT} unchanged\\), 0 events stored, 0 errors in \\d+\\.\\d s\\n$`,
      ),
    );
    expect(again.stderr).toContain("reading arn:aws:states:us-east-1:123456789012:stateMachine:");
  });

  it("exits non-zero only when nothing at all could be ingested, listing the errors", async () => {
    const unreachable = await cli.run("ingest", "aws", "--endpoint", "http://127.0.0.1:9", "--region", "us-east-1");
    expect(unreachable.exitCode).toBe(1);
    expect(unreachable.stdout).toMatch(/0 executions .* 1 errors/);
    expect(unreachable.stdout).toMatch(/ {2}error {4}us-east-1: /);
    const partly = await cli.run(
      "ingest",
      "aws",
      "--endpoint",
      server.url,
      "--region",
      "us-east-1",
      "--state-machine",
      "OrderFulfillment",
      "NoSuchMachine",
      "--json",
    );
    expect(partly.exitCode).toBe(0);
    const summary = JSON.parse(partly.stdout);
    expect(summary.errors).toEqual([
      { target: "NoSuchMachine", code: "StateMachineDoesNotExist", message: "state machine NoSuchMachine not found in us-east-1" },
    ]);
    expect(summary.executions).toBe(COUNT / 4);
  });

  it("rejects bad options with clear messages", async () => {
    await expect(cli.run("ingest", "aws", "--region", "us-east-1", "--since", "90")).rejects.toThrow('--since: "90" is not a duration');
    await expect(cli.run("ingest", "aws", "--region", "us-east-1", "--concurrency", "0")).rejects.toThrow(
      "--concurrency must be a whole number from 1 to 64",
    );
    await expect(cli.run("ingest", "aws", "--region", "us-east-1", "--endpoint", "localhost:1")).rejects.toThrow(
      "--endpoint must be an http(s) URL",
    );
  });
});

describe("statelens export / ingest files / prune", () => {
  it("round-trips an export through ingest files unchanged", async () => {
    const arn = "arn:aws:states:us-east-1:123456789012:execution:OrderFulfillment:cli-1";
    const file = path.join(cli.dir, "cli-1.json");
    const exported = await cli.run("export", arn, "-o", file);
    expect(exported.stderr).toMatch(/^wrote .*cli-1\.json: cli-1 \(\w+, \d+ events\)/);
    const imported = await cli.run("ingest", "files", file, "--json");
    expect(JSON.parse(imported.stdout)).toMatchObject({ files: 1, executions: 1, unchanged: 1, inserted: 0 });
    await expect(cli.run("export", "no-such-id")).rejects.toThrow('no stored execution has the id, ARN or name "no-such-id"');
    const missing = await cli.run("ingest", "files", path.join(cli.dir, "absent.json"));
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout).toContain("absent.json: io: no such file or folder");
  });

  it("imports recorded AWS history exports", async () => {
    const files = readdirSync(HISTORIES_DIR)
      .filter((f) => f.endsWith(".history.json"))
      .slice(0, 3);
    const result = await cli.run("ingest", "files", ...files.map((f) => path.join(HISTORIES_DIR, f)), "--json");
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ files: 3, inserted: 3, errors: [] });
  });

  it("prunes executions older than a cutoff, dry run first", async () => {
    const { db } = await openDb();
    const total = await db.execution.count();
    const old = await db.execution.count({ where: { startDate: { lt: new Date(Date.now() - 2 * 86_400_000) } } });
    expect(old).toBeGreaterThan(0);
    const dry = JSON.parse((await cli.run("prune", "--older-than", "2d", "--dry-run", "--json")).stdout);
    expect(dry).toMatchObject({ dryRun: true, executions: old });
    expect(dry.events).toBeGreaterThan(old);
    expect(await db.execution.count()).toBe(total);
    const done = await cli.run("prune", "--older-than", "2d");
    expect(done.stdout).toMatch(new RegExp(`^deleted ${old} executions \\(${dry.events} history events\\) that started before `));
    expect(await db.execution.count()).toBe(total - old);
    expect(await db.historyEvent.count({ where: { execution: { startDate: { lt: new Date(Date.now() - 2 * 86_400_000) } } } })).toBe(0);
    const orphans = await db.historyEvent.count({
      where: { executionId: { notIn: (await db.execution.findMany({ select: { id: true } })).map((e) => e.id) } },
    });
    expect(orphans).toBe(0);
    expect(
      await db.stateRun.count({
        where: { executionId: { notIn: (await db.execution.findMany({ select: { id: true } })).map((e) => e.id) } },
      }),
    ).toBe(0);
    await expect(cli.run("prune", "--older-than", "soon")).rejects.toThrow('--older-than: "soon" is not a duration');
  });

  it("applies STATELENS_RETENTION_DAYS after an ingest run", async () => {
    process.env.STATELENS_RETENTION_DAYS = "1";
    try {
      // A fresh cursor-less state: re-list from --since and store the (three-day-old) executions again.
      const { db } = await openDb();
      await db.syncCursor.deleteMany({});
      const run = await cli.run("ingest", "aws", "--endpoint", server.url, "--region", "us-east-1");
      expect(run.stdout).toMatch(
        new RegExp(`retention \\(STATELENS_RETENTION_DAYS=1\\): deleted ${COUNT} executions \\(\\d+ events\\) older than 1 days`),
      );
      expect(await db.execution.count({ where: { executionArn: { contains: ":execution:" }, source: "aws" } })).toBe(0);
      process.env.STATELENS_RETENTION_DAYS = "-3";
      await expect(cli.run("ingest", "aws", "--endpoint", server.url, "--region", "us-east-1")).rejects.toThrow(
        'STATELENS_RETENTION_DAYS must be a positive number of days, got "-3"',
      );
    } finally {
      delete process.env.STATELENS_RETENTION_DAYS;
    }
  });
});
