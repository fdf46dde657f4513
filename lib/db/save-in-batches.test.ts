import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismaSink } from "./prisma-sink";
import { createTestDb } from "./test-db";
import { generateDemo } from "../examples/generate-demo";
import { BATCH_EXECUTIONS, BATCH_EVENTS, saveInBatches } from "../ingest/save-batches";
import type { IngestedExecution, IngestSink } from "../ingest/types";

describe("saveInBatches", () => {
  let store: Awaited<ReturnType<typeof createTestDb>>;
  let demo: IngestedExecution[];
  beforeAll(async () => {
    store = await createTestDb();
    demo = [];
    for await (const e of generateDemo({ count: 120, seed: 3, now: new Date(Date.UTC(2026, 9, 1)) })) demo.push(e);
  });
  afterAll(async () => store?.close());

  it("writes bounded batches, and when one fails saves its executions one by one so only the bad one is reported", async () => {
    const base = prismaSink(store.db);
    const bad = demo[57].executionArn;
    const batches: IngestedExecution[][] = [];
    const sink: IngestSink = {
      ...base,
      saveExecution: async (e) => {
        if (e.executionArn === bad) throw new Error("bad execution");
        return base.saveExecution(e);
      },
      saveExecutions: async (list) => {
        batches.push(list);
        if (list.some((e) => e.executionArn === bad)) throw new Error("batch failed");
        return base.saveExecutions!(list);
      },
    };
    const saved: string[] = [];
    const failed: string[] = [];
    await saveInBatches(
      sink,
      demo,
      (e, result) => saved.push(`${e.executionArn}:${result}`),
      (e) => failed.push(e.executionArn),
    );
    expect(failed).toEqual([bad]);
    expect(saved).toEqual(demo.filter((e) => e.executionArn !== bad).map((e) => `${e.executionArn}:inserted`));
    expect(await store.db.execution.count()).toBe(demo.length - 1);
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) {
      expect(b.length).toBeLessThanOrEqual(BATCH_EXECUTIONS);
      expect(b.reduce((n, e) => n + e.events.length, 0)).toBeLessThanOrEqual(BATCH_EVENTS);
    }
    // again: every one unchanged, in batches
    const again: string[] = [];
    await saveInBatches(
      base,
      demo,
      (_, result) => again.push(result),
      () => {},
    );
    expect(again.slice(0, 5)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged", "unchanged"]);
    expect(again.filter((r) => r === "inserted")).toEqual(["inserted"]); // the bad one, now saved
  }, 120_000);
});
