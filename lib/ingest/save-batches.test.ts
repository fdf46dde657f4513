import { describe, expect, it } from "vitest";
import { BATCH_EVENTS, BATCH_EXECUTIONS, BatchWriter } from "./save-batches";
import type { IngestedExecution, IngestSink, SaveResult } from "./types";

function execution(n: number, events = 10): IngestedExecution {
  return {
    executionArn: `arn:aws:states:us-east-1:123456789012:execution:m:e${n}`,
    name: `e${n}`,
    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m",
    stateMachineName: "m",
    type: "STANDARD",
    status: "SUCCEEDED",
    startDate: new Date(0),
    stopDate: new Date(1),
    input: "{}",
    output: "{}",
    error: null,
    cause: null,
    redriveCount: 0,
    source: "file",
    definition: null,
    events: Array.from({ length: events }, (_, i) => ({ id: i + 1, previousEventId: i, type: "PassStateEntered", timestamp: new Date(0) })),
  };
}

/** A sink that records its transactions; each takes a few ms, like a commit. */
function recordingSink(bad = new Set<string>()) {
  const transactions: string[][] = [];
  const stored = new Set<string>();
  const commit = () => new Promise((resolve) => setTimeout(resolve, 5));
  const sink: IngestSink = {
    async saveExecution(e) {
      transactions.push([e.name]);
      await commit();
      if (bad.has(e.name)) throw new Error(`${e.name} is bad`);
      stored.add(e.name);
      return "inserted";
    },
    async saveExecutions(list) {
      transactions.push(list.map((e) => e.name));
      await commit();
      if (list.some((e) => bad.has(e.name))) throw new Error("rolled back");
      for (const e of list) stored.add(e.name);
      return list.map((): SaveResult => "inserted");
    },
    getExecutionState: async () => null,
    getCursor: async () => null,
    setCursor: async () => {},
  };
  return { sink, transactions, stored };
}

describe("BatchWriter", () => {
  it("gives a lone caller that awaits each save one transaction per execution", async () => {
    const { sink, transactions } = recordingSink();
    const writer = new BatchWriter(sink);
    for (let i = 0; i < 4; i++) expect(await writer.save(execution(i))).toBe("inserted");
    expect(transactions).toEqual([["e0"], ["e1"], ["e2"], ["e3"]]);
  });

  it("puts what concurrent callers queue during a commit into the next transaction, in call order", async () => {
    const { sink, transactions } = recordingSink();
    const writer = new BatchWriter(sink);
    // four workers, each saving its next execution once its previous one is stored (as AWS fetches do)
    let next = 0;
    const worker = async () => {
      while (next < 40) await writer.save(execution(next++));
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(transactions.flat()).toEqual(Array.from({ length: 40 }, (_, i) => `e${i}`));
    expect(transactions.length).toBeLessThanOrEqual(11); // 40 one by one without the writer
    expect(Math.max(...transactions.map((t) => t.length))).toBe(4);
  });

  it("keeps each transaction within BATCH_EXECUTIONS executions and BATCH_EVENTS events", async () => {
    const { sink, transactions } = recordingSink();
    const writer = new BatchWriter(sink);
    const many = Array.from({ length: 130 }, (_, i) => execution(i, i < 100 ? 10 : 3_000));
    await Promise.all(many.map((e) => writer.save(e)));
    expect(transactions.flat()).toHaveLength(130);
    for (const t of transactions) {
      expect(t.length).toBeLessThanOrEqual(BATCH_EXECUTIONS);
      const events = t.reduce((n, name) => n + many[Number(name.slice(1))].events.length, 0);
      expect(events).toBeLessThanOrEqual(BATCH_EVENTS);
    }
    expect(transactions[0]).toHaveLength(BATCH_EXECUTIONS);
  });

  it("saves a failed batch's executions one by one: only the bad one's caller hears an error, the rest land", async () => {
    const { sink, stored } = recordingSink(new Set(["e7"]));
    const writer = new BatchWriter(sink);
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => writer.save(execution(i))));
    expect(outcomes.map((o) => o.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i === 7 ? "rejected" : "fulfilled")));
    expect((outcomes[7] as PromiseRejectedResult).reason).toEqual(new Error("e7 is bad"));
    expect(stored.size).toBe(11);
  });

  it("works with a sink that has no batch save", async () => {
    const { sink, transactions } = recordingSink();
    const writer = new BatchWriter({ ...sink, saveExecutions: undefined });
    await Promise.all([0, 1, 2].map((i) => writer.save(execution(i))));
    expect(transactions).toEqual([["e0"], ["e1"], ["e2"]]);
    expect(writer.backlog).toBe(0);
  });
});
