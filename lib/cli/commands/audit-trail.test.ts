import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { resolveDatabaseUrl } from "../../db/database-url";
import { createLocalSfnService, startSfnServer } from "../../sfn-api";
import { CliHarness } from "../cli-test-harness";
import { openDb } from "../context";
import { registerExport } from "./export";
import { registerImport } from "./import";
import { registerIngest } from "./ingest";
import { registerRun } from "./run";

let cli: CliHarness;
const savedActor = process.env.STATELENS_ACTOR;

beforeAll(() => {
  process.env.STATELENS_ACTOR = "tester";
  cli = new CliHarness([registerRun, registerIngest, registerImport, registerExport]);
});
afterAll(async () => {
  await cli.close();
  if (savedActor === undefined) delete process.env.STATELENS_ACTOR;
  else process.env.STATELENS_ACTOR = savedActor;
});

async function entries() {
  const { db } = await openDb();
  return (await db.auditLog.findMany({ orderBy: { id: "asc" } })).map((r) => ({
    actor: r.actor,
    action: r.action,
    target: r.target,
    details: r.details ? JSON.parse(r.details) : null,
  }));
}

describe("audit trail of CLI commands", () => {
  it("records run --store, and the start and the result of ingest files and import", async () => {
    const definition = path.join(cli.dir, "hello.asl.json");
    writeFileSync(definition, JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }));
    expect((await cli.run("run", definition, "--name", "r1", "--store")).exitCode).toBe(0);
    expect((await cli.run("run", definition, "--name", "r2")).exitCode).toBe(0); // not stored: not audited
    const exported = path.join(cli.dir, "r1.json");
    await cli.run("export", "r1", "-o", exported);
    expect((await cli.run("ingest", "files", exported)).exitCode).toBe(0);
    expect((await cli.run("import", exported)).exitCode).toBe(0);
    const log = await entries();
    expect(log.map((e) => [e.actor, e.action, e.target])).toEqual([
      ["tester", "run", expect.stringMatching(/:hello(\.asl)?:r1$/)],
      ["tester", "ingest-started", exported],
      ["tester", "ingest", exported],
      ["tester", "ingest-started", exported],
      ["tester", "ingest", exported],
    ]);
    expect(log[0].details).toMatchObject({ status: "SUCCEEDED", outcome: "inserted" });
    expect(log[1].details).toEqual({ command: "ingest files" });
    expect(log[3].details).toEqual({ command: "import" });
    expect(log[4].details).toMatchObject({ errors: 0 });
  });

  it("records the start and the result of ingest aws", async () => {
    const server = await startSfnServer({ service: createLocalSfnService() });
    try {
      const before = (await entries()).length;
      await cli.run("ingest", "aws", "--endpoint", server.url, "--region", "us-east-1", "--json");
      const log = (await entries()).slice(before);
      expect(log.map((e) => [e.action, e.target])).toEqual([
        ["ingest-started", `aws:us-east-1@${server.url}`],
        ["ingest", `aws:us-east-1@${server.url}`],
      ]);
    } finally {
      await server.close();
    }
  });

  it("leaves a started entry when an import is killed before it finishes", async () => {
    // A FIFO nobody writes to: the import blocks reading it until it is killed.
    const fifo = path.join(cli.dir, "stuck.json");
    execFileSync("mkfifo", [fifo]);
    const databaseUrl = `file:${path.join(cli.dir, "killed.db")}`;
    const root = path.resolve(import.meta.dirname, "../../..");
    execFileSync(process.execPath, [path.join(root, "bin/statelens.mjs"), "migrate"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: "ignore",
    });
    const child = spawn(process.execPath, [path.join(root, "bin/statelens.mjs"), "import", fifo], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, STATELENS_ACTOR: "killed-run" },
      stdio: "ignore",
    });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    const db = createDb(resolveDatabaseUrl(databaseUrl, root));
    try {
      let rows: { action: string; actor: string; target: string | null }[] = [];
      for (let i = 0; i < 200 && rows.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        rows = await db.auditLog.findMany({ select: { action: true, actor: true, target: true } });
      }
      child.kill("SIGKILL");
      await exited;
      rows = await db.auditLog.findMany({ select: { action: true, actor: true, target: true } });
      expect(rows).toEqual([{ action: "ingest-started", actor: "killed-run", target: fifo }]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await db.$disconnect();
    }
  });
});
