import { beforeAll, describe, expect, it, vi } from "vitest";
import { generateDemo } from "../examples/generate-demo";
import type { IngestedExecution } from "../ingest/types";
import { pgPoolOf } from "./client";
import { saveExecution, saveExecutions } from "./save-execution";
import { dumpStore } from "./store-dump";
import { createTestDb } from "./test-db";

/*
 * saveExecutions writes a batch as one (on PostgreSQL: the rows of all its executions merged into
 * one statement per table, each bucket upserted once); these batches put the same execution in
 * several times, with replacements of stored ones, unchanged re-saves, redrives and replays, and
 * compare with saving the same executions one by one. Both stores (PostgreSQL under test:pg).
 */
type Step = { execution: IngestedExecution; replayOf?: string };
const replayOptions = (id?: string) => (id ? { replayOfId: id, replayCheckpoint: "2", replayEdits: '{"x":1}' } : {});

function partial(e: IngestedExecution): IngestedExecution {
  const events = e.events.slice(0, Math.max(1, Math.floor(e.events.length / 2)));
  return { ...e, status: "RUNNING", stopDate: null, output: null, error: null, cause: null, events };
}

function renamed(e: IngestedExecution, suffix: string, patch: Partial<IngestedExecution> = {}): IngestedExecution {
  return { ...e, executionArn: `${e.executionArn}-${suffix}`, name: `${e.name}-${suffix}`, ...patch };
}

describe("saveExecutions", () => {
  let demo: IngestedExecution[];
  beforeAll(async () => {
    demo = [];
    for await (const e of generateDemo({ count: 12, seed: 11, now: new Date(Date.UTC(2026, 9, 1)) })) demo.push(e);
  });

  /** Saves `first` one by one into two stores, then `batch` one by one into one and as one batch into the other. */
  async function compare(first: Step[], batch: Step[]): Promise<{ outcomes: string[] }> {
    const single = await createTestDb();
    const batched = await createTestDb();
    try {
      const ids = { single: new Map<string, string>(), batched: new Map<string, string>() };
      for (const { execution } of first) {
        ids.single.set(execution.executionArn, (await saveExecution(single.db, execution)).id);
        ids.batched.set(execution.executionArn, (await saveExecution(batched.db, execution)).id);
      }
      const one: string[] = [];
      for (const { execution, replayOf } of batch) {
        const saved = await saveExecution(single.db, execution, replayOptions(replayOf && ids.single.get(replayOf)));
        ids.single.set(execution.executionArn, saved.id);
        one.push(saved.outcome);
      }
      const many = await saveExecutions(
        batched.db,
        batch.map(({ execution, replayOf }) => ({ execution, options: replayOptions(replayOf && ids.batched.get(replayOf)) })),
      );
      expect(many.map((r) => r.outcome)).toEqual(one);
      // one id per execution, whatever its outcomes
      const idOf = new Map<string, string>();
      many.forEach(({ id }, i) => {
        const arn = batch[i].execution.executionArn;
        expect(id, arn).toBe(idOf.get(arn) ?? ids.batched.get(arn) ?? id);
        idOf.set(arn, id);
      });
      const a = await dumpStore(single.target);
      const b = await dumpStore(batched.target);
      expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
      for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table]);
      return { outcomes: one };
    } finally {
      await single.close();
      await batched.close();
    }
  }

  it("one batch that inserts, replaces, re-saves, redrives and replays the same executions leaves the rows saves one by one leave", async () => {
    const [a, b, c, d, e, f, g] = demo;
    const { outcomes } = await compare(
      [a, b, c, d, partial(g)].map((execution) => ({ execution })),
      [
        { execution: partial(e) },
        { execution: e }, // inserted then replaced in the batch
        { execution: e }, // unchanged against the batch's own
        { execution: { ...a, redriveCount: a.redriveCount + 1 } }, // stored: replaced
        { execution: { ...a, redriveCount: a.redriveCount + 2 } }, // and again
        { execution: partial(b) }, // a stored full history replaced by a partial view: its buckets emptied
        { execution: c }, // unchanged against the store
        { execution: renamed(d, "replay-1", { source: "replay" }), replayOf: d.executionArn },
        { execution: renamed(partial(d), "replay-2", { source: "replay" }), replayOf: d.executionArn },
        { execution: renamed(d, "replay-2", { source: "replay" }) }, // replaced without the replay's columns: they stay
        { execution: g }, // stored partial view, now finished
        { execution: renamed(f, "v2", { definition: `${f.definition ?? "{}"}\n` }) }, // a new version of its machine
        { execution: renamed(f, "v2b", { definition: `${f.definition ?? "{}"}\n` }) }, // the same new version again
        { execution: renamed(f, "nodef", { definition: null }) },
        { execution: partial(f) },
        { execution: f },
        { execution: partial(f) }, // and back
      ],
    );
    expect(new Set(outcomes)).toEqual(new Set(["inserted", "updated", "unchanged"]));
  }, 120_000);

  it("a batch whose rows pass PostgreSQL's 65,535 bind parameters is split into several statements", async () => {
    const batch: Step[] = [];
    for (let i = 0, events = 0; events < 12_000; i++) {
      const execution = renamed(demo[i % demo.length], `copy-${i}`);
      batch.push({ execution });
      events += execution.events.length;
    }
    batch.push({ execution: partial(batch[0].execution) }); // and a replacement of one inserted earlier in it
    await compare(
      demo.slice(0, 3).map((execution) => ({ execution })),
      [...batch, ...demo.slice(0, 3).map((execution) => ({ execution: partial(execution) }))],
    );
  }, 240_000);

  it.runIf(!!process.env.STATELENS_TEST_DATABASE)(
    "on PostgreSQL a batch costs a handful of statements, not one or more per execution",
    async () => {
      const store = await createTestDb();
      try {
        const pool = pgPoolOf(store.db)!;
        const connect = pool.connect.bind(pool) as () => Promise<import("pg").PoolClient>;
        let statements = 0;
        const spy = vi.spyOn(pool, "connect").mockImplementation((async () => {
          const client = await connect();
          const query = client.query;
          client.query = ((...args: unknown[]) => {
            statements++;
            return (query as (...a: unknown[]) => unknown).apply(client, args);
          }) as typeof client.query;
          const release = client.release;
          client.release = (...args: Parameters<typeof release>) => {
            client.query = query;
            client.release = release;
            return release.apply(client, args);
          };
          return client;
        }) as unknown as typeof pool.connect);
        const count = async (batch: IngestedExecution[]) => {
          statements = 0;
          await saveExecutions(
            store.db,
            batch.map((execution) => ({ execution })),
          );
          return statements;
        };
        await saveExecution(store.db, demo[0]); // its machine and version known to the pool
        const { stateMachineArn, stateMachineName, definition } = demo[0];
        const fresh = demo
          .slice(1)
          .flatMap((e) => [0, 1, 2].map((n) => renamed(e, `n${n}`, { stateMachineArn, stateMachineName, definition })));
        expect(fresh.length).toBeGreaterThan(30);
        // BEGIN, the stored ones, one statement of rows (two or more past 60,000 parameters), COMMIT
        expect(await count(fresh)).toBeLessThanOrEqual(5);
        // unchanged: BEGIN, the stored ones, COMMIT
        expect(await count(fresh)).toBe(3);
        // all replaced: and their stored runs, the deletes, the emptied buckets
        expect(await count(fresh.map(partial))).toBeLessThanOrEqual(7);
        spy.mockRestore();
      } finally {
        await store.close();
      }
    },
    120_000,
  );
});
