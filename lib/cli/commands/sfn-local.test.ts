import { CreateStateMachineCommand, ListStateMachinesCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, describe, expect, it } from "vitest";
import { localSfnClient } from "../../../testing/sfn-local-client";
import { CliHarness } from "../cli-test-harness";
import { openDb } from "../context";
import { registerIngest } from "./ingest";
import { registerSfnLocal } from "./sfn-local";

const cli = new CliHarness([registerSfnLocal, registerIngest]);
afterAll(() => cli.close());

/** Waits until `read()` returns something truthy (polling every 20 ms). */
async function until<T>(read: () => T, ms = 10_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("statelens sfn-local", () => {
  it("serves the SFN API until Ctrl-C and stores finished executions with --store", async () => {
    const printed: string[] = [];
    const original = console.log;
    // The harness captures console.log; peek at it to learn the port while the command runs.
    const running = cli.run("sfn-local", "--port", "0", "--store");
    const url = await until(() => {
      const calls = (console.log as unknown as { mock?: { calls: unknown[][] } }).mock?.calls ?? [];
      for (const call of calls) printed.push(String(call[0]));
      return /on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed.join("\n"))?.[1];
    });
    const sfn = localSfnClient(url);
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: "Hello",
        roleArn: "arn:aws:iam::123456789012:role/r",
        definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
      }),
    );
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name: "hi", input: '{"a":1}' }));
    expect((await sfn.send(new ListStateMachinesCommand({}))).stateMachines!.map((m) => m.name)).toEqual(["Hello"]);
    sfn.destroy();
    process.emit("SIGINT");
    const result = await running;
    expect(console.log).toBe(original);
    expect(result.stdout).toContain(`statelens ingest aws --endpoint ${url} --region us-east-1`);
    // The CLI's sync endpoints need host-prefix injection off (measured with aws-cli 1.45.11 / botocore 1.43.11).
    expect(result.stdout).toContain(
      `AWS_DISABLE_HOST_PREFIX_INJECTION=true aws stepfunctions --endpoint-url ${url} start-sync-execution --state-machine-arn <arn>`,
    );
    // ... or, prefix kept, the hosts line for the name the CLI then calls (sync-localhost).
    expect(result.stdout).toContain(`    127.0.0.1 sync-localhost\n    and use --endpoint-url http://localhost:${new URL(url).port}`);
    const { db } = await openDb();
    expect(
      await db.execution.findUnique({ where: { executionArn: "arn:aws:states:us-east-1:123456789012:execution:Hello:hi" } }),
    ).toMatchObject({ source: "local", status: "SUCCEEDED", output: '{"a":1}' });
  });

  it("takes --wait-clock fast|real|virtual and refuses anything else", async () => {
    await expect(cli.run("sfn-local", "--wait-clock", "sideways")).rejects.toThrow(
      'the wait clock must be one of fast, real, virtual, got "sideways"',
    );
  });

  it("refuses a non-loopback address (it has no access control)", async () => {
    await expect(cli.run("sfn-local", "--host", "0.0.0.0")).rejects.toThrow(
      "sfn-local has no access control: bind it to 127.0.0.1 (got 0.0.0.0)",
    );
  });
});

describe("statelens ingest aws --follow", () => {
  it("runs again every --interval until Ctrl-C", async () => {
    const running = cli.run(
      "ingest",
      "aws",
      "--endpoint",
      "http://127.0.0.1:9",
      "--region",
      "us-east-1",
      "--follow",
      "--interval",
      "1s",
      "--json",
    );
    // Wait for two runs' lines (the harness captures stdout through a spy), however loaded the machine.
    const spied = (f: unknown) =>
      (f as { mock?: { calls: unknown[][] } }).mock?.calls.map((c) => c.map(String).join(" ") + "\n").join("") ?? "";
    const written = () => spied(console.log) + spied(process.stdout.write);
    for (
      let waited = 0;
      written()
        .split("\n")
        .filter((line) => line.trim()).length < 2 && waited < 20_000;
      waited += 50
    )
      await new Promise((r) => setTimeout(r, 50));
    process.emit("SIGINT");
    const result = await running;
    const runs = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { errors: unknown[] });
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((run) => run.errors.length === 1)).toBe(true);
    expect(result.exitCode).toBe(1);
    expect(process.listenerCount("SIGINT")).toBe(0);
  });
});
