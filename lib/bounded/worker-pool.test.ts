import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LimitExceeded } from "./limit-exceeded";
import { WorkerPool, WorkerTaskError } from "./worker-pool";

const file = path.join(process.cwd(), "lib", "bounded", "eval-worker.mjs");
const pools: WorkerPool[] = [];
const pool = (memoryMb = 256, size = 1) => {
  const p = new WorkerPool({ file, size, memoryMb });
  pools.push(p);
  return p;
};
const condition = (p: WorkerPool, text: string, inputs: (string | null)[], timeMs = 20_000) =>
  p.run<boolean[]>("condition", { text, inputs }, { what: "the input condition", timeMs });

afterAll(() => {
  for (const p of pools) p.close();
});

describe("WorkerPool", () => {
  it("evaluates input conditions in a worker with the list's truthiness rules", async () => {
    const verdicts = await condition(pool(), "$.order.total > 100", [
      '{"order":{"total":150}}',
      '{"order":{"total":50}}',
      null,
      "not json",
      '{"other":1}',
    ]);
    expect(verdicts).toEqual([true, false, false, false, false]);
    expect(await condition(pool(), 'items[sku = "A"]', ['{"items":[{"sku":"B"},{"sku":"A"}]}', '{"items":[]}'])).toEqual([true, false]);
  }, 30_000);

  it("stops a task over its time limit, names the limit, and answers the next task with a fresh worker", async () => {
    const p = pool();
    const started = performance.now();
    const error = await condition(p, "($f := function($n){ $f($n+1) }; $f(0))", ["{}"], 500).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimitExceeded);
    expect((error as Error).message).toBe("the input condition exceeded its 500 ms time limit");
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(await condition(p, "true", ["{}"])).toEqual([true]);
  }, 30_000);

  it("names the memory limit when a worker runs out of heap, and the server process survives", async () => {
    const p = pool(32);
    const error = await condition(p, "$count([1..10000000])", ["{}"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimitExceeded);
    expect((error as Error).message).toBe("the input condition exceeded its 32 MB memory limit");
    expect(await condition(p, "$count([1..1000]) = 1000", ["{}"])).toEqual([true]);
  }, 60_000);

  it("reuses its workers and queues tasks beyond its size", async () => {
    const p = pool(256, 2);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => condition(p, `$.n = ${i}`, [`{"n":${i}}`, '{"n":-1}'])));
    expect(results).toEqual(Array.from({ length: 6 }, () => [true, false]));
    expect((p as unknown as { slots: Set<unknown> }).slots.size).toBeLessThanOrEqual(2);
  }, 30_000);

  it("passes a task's error on with its name and message", async () => {
    const error = await pool()
      .run("nonsense", {}, { what: "x", timeMs: 10_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerTaskError);
    expect((error as Error).message).toBe('unknown evaluation task "nonsense"');
  }, 30_000);
});

describe("isLimitExceeded", () => {
  it("recognises a LimitExceeded made by another copy of the module (Next.js bundles), and nothing else", async () => {
    const { isLimitExceeded } = await import("./limit-exceeded");
    class Copy extends Error {
      constructor(
        readonly what: string,
        readonly kind: "time" | "memory",
      ) {
        super(`${what} exceeded its 2 s time limit`);
        this.name = "LimitExceeded";
      }
    }
    expect(isLimitExceeded(new LimitExceeded("the input condition", "time", "its 2 s time limit"))).toBe(true);
    expect(isLimitExceeded(new Copy("the input condition", "time"))).toBe(true);
    expect(isLimitExceeded(Object.assign(new Error("x"), { name: "LimitExceeded" }))).toBe(false);
    expect(isLimitExceeded(new Error("the input condition exceeded its 2 s time limit"))).toBe(false);
  });
});
