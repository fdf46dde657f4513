import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exportExecution } from "./export-execution";
import { ingestFolder } from "./ingest-folder";
import { MemorySink } from "./memory-sink";
import { HISTORIES_DIR } from "../../testing/corpus";
import type { IngestProgress } from "./types";

const dir = mkdtempSync(path.join(tmpdir(), "statelens-ingest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const started = {
  id: 1,
  previousEventId: 0,
  type: "ExecutionStarted",
  timestamp: 1718026743.5,
  executionStartedEventDetails: { input: '{"password":"x1"}' },
};
const done = {
  id: 2,
  previousEventId: 1,
  type: "ExecutionSucceeded",
  timestamp: 1718026744,
  executionSucceededEventDetails: { output: "{}" },
};
const logArn = "arn:aws:states:us-east-1:123456789012:express:Express:e-1:abc";
const logLine = (id: number, type: string, details: object) =>
  JSON.stringify({
    id: String(id),
    type,
    details,
    previous_event_id: String(id - 1),
    event_timestamp: String(1718026743000 + id),
    execution_arn: logArn,
    redrive_count: "0",
  });

describe("ingestFolder", () => {
  it("detects each file's format, keeps going past bad files and is idempotent", async () => {
    writeFileSync(path.join(dir, "good.history.json"), JSON.stringify({ events: [started, done] }));
    writeFileSync(path.join(dir, "good.definition.json"), '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}');
    writeFileSync(path.join(dir, "broken.json"), JSON.stringify({ events: [started, done] }).slice(0, 40));
    writeFileSync(path.join(dir, "wrong.json"), JSON.stringify({ events: [started, { ...done, type: 7 }] }));
    writeFileSync(path.join(dir, "notes.txt"), "ignored: not a data file");
    writeFileSync(path.join(dir, "index.json"), JSON.stringify([{ id: "good", status: "SUCCEEDED" }]));
    mkdirSync(path.join(dir, "logs"));
    writeFileSync(
      path.join(dir, "logs", "express.jsonl"),
      [logLine(1, "ExecutionStarted", { input: "{}" }), logLine(2, "ExecutionSucceeded", { output: "1" })].join("\n") + "\n",
    );
    const exported = JSON.parse(
      exportExecution({ ...(await firstExecution()), executionArn: "arn:aws:states:us-east-1:1:execution:M:exported", name: "exported" }),
    );
    writeFileSync(path.join(dir, "exported.json"), JSON.stringify(exported));

    const sink = new MemorySink();
    const progress: IngestProgress[] = [];
    const summary = await ingestFolder(dir, sink, (p) => progress.push(structuredClone(p)), { redactPaths: ["$.password"] });
    expect(summary).toMatchObject({ files: 3, executions: 3, inserted: 3, updated: 0, unchanged: 0, events: 6, stateMachines: 3 });
    expect(summary.errors.map((e) => e.target).sort()).toEqual(["broken.json", "wrong.json"]);
    expect(summary.skipped).toEqual(["index.json"]);
    expect(summary.errors.find((e) => e.target === "broken.json")!.message).toMatch(/^truncated JSON: the text ends at position 40/);
    expect(summary.errors.find((e) => e.target === "wrong.json")!.message).toBe("events[1].type: expected string, got number");
    expect(progress.at(-1)!.phase).toBe("done");
    expect(progress.filter((p) => p.phase === "file").map((p) => p.target)).toEqual([
      "broken.json",
      "exported.json",
      "good.history.json",
      "index.json",
      path.join("logs", "express.jsonl"),
      "wrong.json",
    ]);

    const good = sink.executions.get("arn:aws:states:local:000000000000:execution:good:good")!;
    expect(good.definition).toContain('"StartAt":"P"');
    expect(good.input).toBe('{"password":"[REDACTED]"}');
    expect(sink.executions.get(logArn)).toMatchObject({ type: "EXPRESS", status: "SUCCEEDED", source: "logs" });

    const again = await ingestFolder(dir, sink, () => {}, { redactPaths: ["$.password"] });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });
});

async function firstExecution() {
  const sink = new MemorySink();
  const single = path.join(dir, "single");
  mkdirSync(single, { recursive: true });
  writeFileSync(path.join(single, "one.json"), JSON.stringify({ events: [started, done] }));
  await ingestFolder(path.join(single, "one.json"), sink);
  rmSync(single, { recursive: true });
  return [...sink.executions.values()][0];
}

describe("ingestFolder on the recorded histories", () => {
  it("imports all 505 histories with their definitions, and nothing the second time", async () => {
    const sink = new MemorySink();
    const first = await ingestFolder(HISTORIES_DIR, sink);
    expect(first.inserted).toBe(505);
    // one execution a file, saved in shared transactions across files
    expect(sink.transactions.reduce((a, b) => a + b, 0)).toBe(505);
    expect(sink.transactions.length).toBeLessThan(30);
    // index.json is the folder's table of contents, not an execution.
    expect(first.errors).toEqual([]);
    expect(first.skipped).toEqual(["index.json"]);
    expect([...sink.executions.values()].every((e) => e.definition !== null)).toBe(true);
    const second = await ingestFolder(HISTORIES_DIR, sink);
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 505 });
  });
});
