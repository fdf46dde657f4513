import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoHistories } from "../../../testing/ingest/write-demo-histories";
import { CliHarness } from "../cli-test-harness";
import { registerImport } from "./import";
import { registerIngest } from "./ingest";

// `ingest files` and `import` agree: any file that could not be stored fails the command, the rest is still stored.
let cli: CliHarness;
let folder = "";

beforeAll(async () => {
  cli = new CliHarness([registerIngest, registerImport]);
  folder = path.join(cli.dir, "histories");
  mkdirSync(folder);
  await writeDemoHistories(folder, 3);
  writeFileSync(path.join(folder, "broken.history.json"), '{"events": [');
});
afterAll(async () => cli.close());

describe("exit codes of ingest files and import", () => {
  it("ingest files exits 1 when one file of a folder fails, storing the others", async () => {
    const result = await cli.run("ingest", "files", folder, "--json");
    expect(result.exitCode).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ inserted: 3, files: 3 });
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ target: "broken.history.json", code: "parse" });
  });

  it("import exits 1 on the same folder, and both exit 0 once every file stores", async () => {
    const imported = await cli.run("import", folder, "--json");
    expect(imported.exitCode).toBe(1);
    expect(JSON.parse(imported.stdout)).toMatchObject({ unchanged: 3, errors: [{ file: path.join(folder, "broken.history.json") }] });
    const clean = path.join(cli.dir, "clean");
    mkdirSync(clean);
    await writeDemoHistories(clean, 2, 7);
    expect((await cli.run("ingest", "files", clean)).exitCode).toBe(0);
    expect((await cli.run("import", clean)).exitCode).toBe(0);
  });
});
