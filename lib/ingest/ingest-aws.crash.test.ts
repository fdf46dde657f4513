import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestAws, type IngestAwsOptions } from "./ingest-aws";
import { MemorySink } from "./memory-sink";
import { FakeAws, minute, type FakeMachine } from "../../testing/ingest/fake-aws";
import type { IngestSink } from "./types";

let aws: FakeAws;
beforeEach(() => {
  aws = new FakeAws();
  const orders = aws.addMachine("Orders");
  const other = aws.addMachine("Other");
  for (let i = 1; i <= 4; i++) aws.addExecution(orders, `o${i}`, i, { status: i === 4 ? "RUNNING" : "SUCCEEDED" });
  aws.addExecution(orders, "batch", 5, { mapRun: true });
  const childMachine: FakeMachine = { ...orders, name: "Orders/Map", arn: `${orders.arn}/Map` };
  for (let i = 0; i < 2; i++) Object.assign(aws.addExecution(childMachine, `child${i}`, 6 + i), { mapRunArn: aws.mapRuns[0].arn });
  aws.addExecution(other, "x1", 3, { status: "FAILED" });
});
afterEach(() => aws.restore());

const options: IngestAwsOptions = {
  regions: ["us-east-1"],
  since: minute(-60),
  now: () => minute(100),
  sleep: async () => {},
  concurrency: 2,
};
const TOTAL = 8;

/**
 * A sink that stops answering for good after `operations` calls, like a process killed there;
 * `dead` resolves at the first call it does not answer (everything before it has taken effect).
 */
function killedAfter(sink: MemorySink, operations: number): { sink: IngestSink; dead: Promise<void> } {
  let left = operations;
  let died = () => {};
  const dead = new Promise<void>((resolve) => (died = resolve));
  const hang = <T>() => {
    died();
    return new Promise<T>(() => {});
  };
  const gate = <T>(call: () => Promise<T>) => (left-- > 0 ? call() : hang<T>());
  return {
    dead,
    sink: {
      saveExecution: (e) => gate(() => sink.saveExecution(e)),
      getExecutionState: (arn) => gate(() => sink.getExecutionState(arn)),
      getCursor: (key) => gate(() => sink.getCursor(key)),
      setCursor: (key, value) => gate(() => sink.setCursor(key, value)),
    },
  };
}

/** Counts the sink calls of a run. */
function counting(sink: MemorySink): { sink: IngestSink; count: () => number } {
  let n = 0;
  return {
    count: () => n,
    sink: {
      saveExecution: (e) => (n++, sink.saveExecution(e)),
      getExecutionState: (arn) => (n++, sink.getExecutionState(arn)),
      getCursor: (key) => (n++, sink.getCursor(key)),
      setCursor: (key, value) => (n++, sink.setCursor(key, value)),
    },
  };
}

describe("ingestAws after a kill", () => {
  it("completes with nothing lost or duplicated, wherever the first run died", async () => {
    const clean = new MemorySink();
    const counted = counting(clean);
    expect(await ingestAws(options, counted.sink)).toMatchObject({ inserted: TOTAL, errors: [] });
    const operations = counted.count();
    expect(operations).toBeGreaterThan(TOTAL * 2);
    for (let killAt = 0; killAt < operations; killAt++) {
      const sink = new MemorySink();
      const killed = killedAfter(sink, killAt);
      void ingestAws(options, killed.sink);
      await killed.dead;
      const savedBeforeKill = sink.executions.size;

      const rerun = await ingestAws(options, sink);
      const label = `killed after ${killAt} sink calls`;
      expect(rerun.errors, label).toEqual([]);
      expect(rerun.inserted, label).toBe(TOTAL - savedBeforeKill);
      expect([...sink.executions.keys()].sort(), label).toEqual([...clean.executions.keys()].sort());
      expect(
        sink.saves.filter((s) => s.result === "inserted"),
        label,
      ).toHaveLength(TOTAL);
      expect(sink.cursors, label).toEqual(clean.cursors);
      for (const [arn, execution] of clean.executions) expect(sink.executions.get(arn), label).toEqual(execution);
    }
  });
});
