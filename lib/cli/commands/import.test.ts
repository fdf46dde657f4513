import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { importFiles } from "./import";
import { MemorySink } from "../../ingest/memory-sink";
import { HISTORIES_DIR } from "../../../testing/corpus";

const dir = mkdtempSync(path.join(tmpdir(), "statelens-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const history = (input: string) =>
  JSON.stringify({
    events: [
      { id: 1, previousEventId: 0, type: "ExecutionStarted", timestamp: 1718026743.5, executionStartedEventDetails: { input } },
      { id: 2, previousEventId: 1, type: "ExecutionSucceeded", timestamp: 1718026744, executionSucceededEventDetails: { output: input } },
    ],
  });

describe("import", () => {
  it("saves a folder's histories in shared transactions, the same executions as one by one", async () => {
    // 120 recorded AWS histories with their definitions
    const folder = path.join(dir, "recorded");
    mkdirSync(folder);
    const histories = readdirSync(HISTORIES_DIR)
      .filter((n) => n.endsWith(".history.json"))
      .sort()
      .slice(0, 120);
    for (const name of histories) {
      copyFileSync(path.join(HISTORIES_DIR, name), path.join(folder, name));
      const definition = name.replace(".history.json", ".definition.json");
      if (existsSync(path.join(HISTORIES_DIR, definition)))
        copyFileSync(path.join(HISTORIES_DIR, definition), path.join(folder, definition));
    }
    const sink = new MemorySink();
    const summary = await importFiles(sink, [folder], { json: true });
    expect(summary).toMatchObject({ inserted: 120, updated: 0, unchanged: 0, errors: [] });
    expect(sink.transactions.reduce((a, b) => a + b, 0)).toBe(120);
    expect(sink.transactions.length).toBeLessThanOrEqual(3); // 120 one a file before
    const again = await importFiles(sink, [folder], { json: true });
    expect(again).toMatchObject({ inserted: 0, unchanged: 120 });
  }, 120_000);

  it("names the one file whose execution cannot be stored; the others in its batch land", async () => {
    for (let i = 0; i < 6; i++) writeFileSync(path.join(dir, `h${i}.json`), history(`{"n":${i}}`));
    writeFileSync(path.join(dir, "broken.json"), "{");
    const sink = new MemorySink();
    const save = sink.saveExecution.bind(sink);
    sink.saveExecution = async (e) => {
      if (e.name === "h3") throw new Error("h3 cannot be stored");
      return save(e);
    };
    const saveMany = sink.saveExecutions.bind(sink);
    sink.saveExecutions = async (list) => {
      if (list.some((e) => e.name === "h3")) throw new Error("batch rolled back");
      return saveMany(list);
    };
    vi.spyOn(console, "error").mockImplementation(() => {});
    const summary = await importFiles(sink, [dir], { json: true });
    expect(summary.inserted).toBe(5);
    expect(summary.errors.map((e) => path.basename(e.file)).sort()).toEqual(["broken.json", "h3.json"]);
    expect(summary.errors.find((e) => e.file.endsWith("h3.json"))?.message).toBe("h3 cannot be stored");
    expect([...sink.executions.values()].map((e) => e.name).sort()).toEqual(["h0", "h1", "h2", "h4", "h5"]);
  });
});
