import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliHarness } from "../cli-test-harness";
import { openDb } from "../context";
import { registerImport } from "./import";
import { registerIngest } from "./ingest";

// Odd and hostile files through `statelens import` and `statelens ingest files`.
const cli = new CliHarness([registerImport, registerIngest]);
afterAll(() => cli.close());

const BOM = "\uFEFF";
const definition = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
function history(options: { started?: boolean; input?: string } = {}): string {
  const input = options.input ?? '{"x":1}';
  const events = [
    {
      id: 1,
      previousEventId: 0,
      type: "ExecutionStarted",
      timestamp: "2024-06-10T12:00:00Z",
      executionStartedEventDetails: { input, roleArn: "r" },
    },
    {
      id: 2,
      previousEventId: 1,
      type: "PassStateEntered",
      timestamp: "2024-06-10T12:00:00.5Z",
      stateEnteredEventDetails: { name: "P", input },
    },
    {
      id: 3,
      previousEventId: 2,
      type: "PassStateExited",
      timestamp: "2024-06-10T12:00:00.6Z",
      stateExitedEventDetails: { name: "P", output: input },
    },
    {
      id: 4,
      previousEventId: 3,
      type: "ExecutionSucceeded",
      timestamp: "2024-06-10T12:00:01Z",
      executionSucceededEventDetails: { output: input },
    },
  ];
  return JSON.stringify({ events: options.started === false ? events.slice(1) : events });
}
const logLines = (arn: string) =>
  [
    { execution_arn: arn, id: "1", type: "ExecutionStarted", event_timestamp: "1718013600000", details: { input: "{}" } },
    { execution_arn: arn, id: "2", type: "ExecutionSucceeded", event_timestamp: "1718013601000", details: { output: "{}" } },
  ]
    .map((r) => JSON.stringify(r))
    .join("\n");

let n = 0;
function folder(files: Record<string, string>): string {
  const dir = path.join(cli.dir, `case-${n++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
const stored = async (name: string) =>
  (await openDb()).db.execution.findFirst({ where: { name }, include: { stateMachine: true, version: true } });

describe("a UTF-8 byte order mark", () => {
  it("is accepted at the start of a history, its definition and a JSON lines file", async () => {
    const dir = folder({
      "bom.history.json": BOM + history(),
      "bom.definition.json": BOM + definition,
      "bom-logs.jsonl": BOM + logLines("arn:aws:states:us-east-1:123456789012:express:m:bom-logs:1"),
    });
    const imported = await cli.run("import", path.join(dir, "bom.history.json"));
    expect(imported.stderr).toBe("");
    expect(imported.exitCode).toBe(0);
    const execution = await stored("bom");
    expect(execution?.stateMachine.name).toBe("bom");
    expect(JSON.parse(execution!.version!.definition)).toEqual(JSON.parse(definition));
    const ingested = await cli.run("ingest", "files", dir, "--json");
    expect(JSON.parse(ingested.stdout)).toMatchObject({ files: 2, executions: 2, errors: [] });
    expect((await stored("bom-logs"))?.status).toBe("SUCCEEDED");
  });
});

describe("a single x.history.json", () => {
  it("pairs with x.definition.json beside it, as in a folder, in import and ingest files", async () => {
    const dir = folder({ "orders.history.json": history(), "orders.definition.json": definition });
    expect((await cli.run("import", path.join(dir, "orders.history.json"))).exitCode).toBe(0);
    const execution = await stored("orders");
    expect(execution?.stateMachine.name).toBe("orders");
    expect(execution?.version?.definition).toBe(definition);
    const alone = folder({ "lonely.history.json": history() });
    expect((await cli.run("import", path.join(alone, "lonely.history.json"))).exitCode).toBe(0);
    expect((await stored("lonely"))?.stateMachine.name).toBe("imported");
    const other = folder({ "pair2.history.json": history(), "pair2.definition.json": definition });
    expect((await cli.run("ingest", "files", path.join(other, "pair2.history.json"))).exitCode).toBe(0);
    expect((await stored("pair2"))?.stateMachine.name).toBe("pair2");
  });
});

describe("a history without ExecutionStarted", () => {
  it("is stored, marked incomplete", async () => {
    const dir = folder({ "headless.history.json": history({ started: false }) });
    const result = await cli.run("import", path.join(dir, "headless.history.json"));
    expect(result.exitCode).toBe(0);
    const execution = await stored("headless");
    expect(execution).toMatchObject({ status: "SUCCEEDED", input: null, startDate: new Date("2024-06-10T12:00:00.500Z") });
    expect(execution?.incomplete).toMatch(/no ExecutionStarted event/);
  });
});

describe("control characters in what the CLI prints", () => {
  it("are stripped from file names and quoted file contents", async () => {
    const dir = folder({
      "evil\u001b[2J\u001b[31m.history.json": '{"events": [{"id": 1, "type": "\u001b]0;pwned\u0007", "timestamp": "x"}]}',
    });
    for (const args of [
      ["import", dir],
      ["ingest", "files", dir],
    ]) {
      const result = await cli.run(...args);
      expect(result.exitCode).toBe(1);
      const printed = result.stdout + result.stderr;
      expect(printed).toContain("evil[2J[31m.history.json");
      expect(printed).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
  });
});
