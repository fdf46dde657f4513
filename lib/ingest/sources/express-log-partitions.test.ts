import { describe, expect, it } from "vitest";
import { MIN_PARTITION_MS, PARTITION_OVERLAP_MS, PartitionGrouper, splitWindow, type LogPartition } from "./express-log-partitions";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe("splitWindow", () => {
  it("keeps an incremental window whole and splits a 90-day backfill into contiguous partitions", () => {
    expect(splitWindow(0, 2 * HOUR, 4)).toEqual([{ start: 0, end: 2 * HOUR, readStart: 0, readEnd: 2 * HOUR }]);
    expect(splitWindow(5, 5, 4)).toEqual([]);

    const parts = splitWindow(0, 90 * DAY, 4);
    expect(parts).toHaveLength(32);
    expect(parts[0]).toMatchObject({ start: 0, readStart: 0 });
    expect(parts.at(-1)).toMatchObject({ end: 90 * DAY, readEnd: 90 * DAY });
    for (let i = 1; i < parts.length; i++) {
      expect(parts[i].start).toBe(parts[i - 1].end);
      expect(parts[i].readStart).toBe(parts[i].start - PARTITION_OVERLAP_MS);
      expect(parts[i - 1].readEnd).toBe(parts[i - 1].end + PARTITION_OVERLAP_MS);
    }
    expect(splitWindow(0, 20 * HOUR, 64).every((p) => p.end - p.start >= MIN_PARTITION_MS || p.end === 20 * HOUR)).toBe(true);
  });
});

interface Rec {
  type: string;
  execution_arn: string;
  id: number;
  at: number;
}

/** Executions of up to five minutes, started at random over `span`, their records sorted by timestamp as FilterLogEvents returns them. */
function logOf(count: number, span: number, seed: number): { records: Rec[]; lengths: Map<string, number> } {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const records: Rec[] = [];
  const lengths = new Map<string, number>();
  for (let n = 0; n < count; n++) {
    const arn = `arn:aws:states:us-east-1:1:express:M:e${n}:x`;
    const start = Math.floor(random() * span);
    const steps = 2 + Math.floor(random() * 6);
    const duration = Math.floor(random() * 5 * 60_000);
    for (let i = 0; i < steps; i++) {
      const type = i === 0 ? "ExecutionStarted" : i === steps - 1 ? "ExecutionSucceeded" : "PassStateEntered";
      records.push({ type, execution_arn: arn, id: i + 1, at: start + Math.floor((duration * i) / (steps - 1)) });
    }
    lengths.set(arn, steps);
  }
  // ties in one millisecond come in any order: shuffle within equal timestamps
  records.sort((a, b) => a.at - b.at || random() - 0.5);
  return { records, lengths };
}

function readPartition(partition: LogPartition, records: Rec[], pageSize: number): Rec[][] {
  const grouper = new PartitionGrouper<Rec>(partition);
  const visible = records.filter((r) => r.at >= partition.readStart && r.at < partition.readEnd);
  const out: Rec[][] = [];
  for (let i = 0; i < visible.length; i += pageSize) {
    const page = visible.slice(i, i + pageSize);
    for (const record of page) grouper.add(record, record.at);
    out.push(...grouper.settled(page.at(-1)!.at));
  }
  out.push(...grouper.drain());
  return out;
}

describe("PartitionGrouper", () => {
  it("every execution is owned by exactly one partition and read whole, with any page size", () => {
    for (const [seed, pageSize] of [
      [1, 7],
      [2, 50],
      [3, 1000],
    ]) {
      const { records, lengths } = logOf(400, 3 * DAY, seed);
      const parts = splitWindow(0, 3 * DAY + 10 * 60_000, 2);
      expect(parts.length).toBeGreaterThan(3);
      const seen = new Map<string, number>();
      for (const partition of parts) {
        for (const group of readPartition(partition, records, pageSize)) {
          const arn = group[0].execution_arn;
          expect(seen.has(arn), `${arn} owned twice`).toBe(false);
          seen.set(arn, group.length);
        }
      }
      expect(seen).toEqual(lengths);
    }
  });

  it("hands out a closed execution only after the stream has passed its terminal record's millisecond", () => {
    const grouper = new PartitionGrouper<Rec>({ start: 0, end: 1000, readStart: 0, readEnd: 2000 });
    const arn = "a";
    grouper.add({ type: "ExecutionStarted", execution_arn: arn, id: 1, at: 10 }, 10);
    grouper.add({ type: "ExecutionSucceeded", execution_arn: arn, id: 3, at: 20 }, 20);
    expect(grouper.settled(20)).toEqual([]);
    grouper.add({ type: "PassStateExited", execution_arn: arn, id: 2, at: 20 }, 20);
    expect(grouper.settled(21).map((g) => g.map((r) => r.id))).toEqual([[1, 3, 2]]);
    expect(grouper.drain()).toEqual([]);
  });

  it("hands out an execution without a terminal record once it can get no more records, and the rest at the end", () => {
    const grouper = new PartitionGrouper<Rec>({ start: 0, end: 10 * 60_000, readStart: 0, readEnd: 20 * 60_000 });
    grouper.add({ type: "ExecutionStarted", execution_arn: "old", id: 1, at: 0 }, 0);
    grouper.add({ type: "ExecutionStarted", execution_arn: "new", id: 1, at: 60_000 }, 60_000);
    expect(grouper.settled(PARTITION_OVERLAP_MS - 1)).toEqual([]);
    expect(grouper.settled(PARTITION_OVERLAP_MS).map((g) => g[0].execution_arn)).toEqual(["old"]);
    expect(grouper.drain().map((g) => g[0].execution_arn)).toEqual(["new"]);
  });
});
