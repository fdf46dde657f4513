import { describe, expect, it } from "vitest";
import { decideBatch, mergeBatch, type StoredExecution } from "./batch-plan";
import { bucketWrites, netBucketWrites } from "./bucket-writes";
import { executionRows } from "./execution-rows";
import type { IngestedExecution } from "../ingest/types";
import type { ExecutionContribution } from "./over-time-buckets";

const start = new Date(Date.UTC(2026, 9, 1, 9, 0, 0));
const at = (s: number) => new Date(start.getTime() + s * 1000);

function execution(name: string, patch: Partial<IngestedExecution> = {}): IngestedExecution {
  return {
    executionArn: `arn:aws:states:us-east-1:111111111111:execution:Orders:${name}`,
    stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:Orders",
    stateMachineName: "Orders",
    name,
    type: "STANDARD",
    status: "SUCCEEDED",
    startDate: at(0),
    stopDate: at(3),
    input: "{}",
    output: "{}",
    error: null,
    cause: null,
    redriveCount: 0,
    source: "aws",
    definition: '{"StartAt":"Pass","States":{"Pass":{"Type":"Pass","End":true}}}',
    events: [
      { id: 1, previousEventId: 0, timestamp: at(0), type: "ExecutionStarted", executionStartedEventDetails: { input: "{}" } },
      { id: 2, previousEventId: 1, timestamp: at(1), type: "PassStateEntered", stateEnteredEventDetails: { name: "Pass", input: "{}" } },
      { id: 3, previousEventId: 2, timestamp: at(2), type: "PassStateExited", stateExitedEventDetails: { name: "Pass", output: "{}" } },
      { id: 4, previousEventId: 3, timestamp: at(3), type: "ExecutionSucceeded", executionSucceededEventDetails: { output: "{}" } },
    ],
    ...patch,
  } as IngestedExecution;
}

const rows = (e: IngestedExecution, replayOfId?: string) => executionRows(e, "postgresql", replayOfId ? { replayOfId } : {});
const owner = { stateMachineId: "m1", versionId: "v1" };

describe("decideBatch", () => {
  it("answers each save as if the ones before it in the batch were stored", () => {
    const a = execution("a");
    const running = execution("a", { status: "RUNNING", stopDate: null, events: a.events.slice(0, 2) });
    const stored: StoredExecution = {
      id: "stored-b",
      state: { status: "SUCCEEDED", redriveCount: 0, eventCount: 4, incomplete: null },
      contribution: null,
    };
    const b = execution("b");
    const batch = [running, a, a, b, execution("b", { redriveCount: 1 }), b].map((e) => rows(e));
    const { results, written } = decideBatch(batch, new Map([[b.executionArn, stored]]));
    expect(results.map((r) => r.outcome)).toEqual(["inserted", "updated", "unchanged", "unchanged", "updated", "updated"]);
    expect(new Set(results.slice(0, 3).map((r) => r.id)).size).toBe(1);
    expect(results.slice(3).map((r) => r.id)).toEqual(["stored-b", "stored-b", "stored-b"]);
    expect(written).toEqual([0, 1, 4, 5]);
  });
});

describe("mergeBatch", () => {
  it("leaves one row per execution, with every column any version set and the last version's history", () => {
    const replay = execution("r", { source: "replay", status: "RUNNING", stopDate: null, events: execution("r").events.slice(0, 2) });
    const batch = [rows(replay, "original-id"), rows(execution("r", { source: "replay" }))];
    const decision = decideBatch(batch, new Map());
    const { executions, contributions } = mergeBatch(batch, decision, [owner, owner], new Map(), new Map());
    expect(executions).toHaveLength(1);
    const [merged] = executions;
    expect(merged.stored).toBe(false);
    expect(merged.id).toBe(decision.results[0].id);
    const columns = Object.fromEntries(merged.columns);
    expect(columns.replayOfId).toBe("original-id"); // set by the first version, kept by the second's UPDATE
    expect(columns.status).toBe("SUCCEEDED");
    expect(merged.events).toHaveLength(4);
    // replays add nothing to the buckets
    expect(contributions.added.executions).toEqual([]);
    expect(contributions.removed.executions).toEqual([]);
  });

  it("removes what each written version replaces: the stored one (with its stored runs), then the batch's own", () => {
    const e = execution("c");
    const old: ExecutionContribution = {
      stateMachineId: "m0",
      versionId: null,
      startDate: at(0),
      status: "RUNNING",
      error: null,
      durationMs: null,
      redriveCount: 0,
      source: "aws",
    };
    const storedRun = {
      stateMachineId: "m0",
      versionId: null,
      stateName: "Pass",
      stateType: "Pass",
      startDate: at(1),
      attempts: 1,
      failed: false,
      caught: false,
      error: null,
    };
    const stored = new Map([
      [e.executionArn, { id: "c-id", state: { status: "RUNNING", redriveCount: 0, eventCount: 2, incomplete: null }, contribution: old }],
    ]);
    const batch = [rows(e), rows(execution("c", { redriveCount: 1 }))];
    const { executions, contributions } = mergeBatch(
      batch,
      decideBatch(batch, stored),
      [owner, owner],
      stored,
      new Map([["c-id", [storedRun]]]),
    );
    expect(executions.map((x) => [x.id, x.stored])).toEqual([["c-id", true]]);
    expect(contributions.removed.executions.map((c) => [c.stateMachineId, c.status, c.redriveCount])).toEqual([
      ["m0", "RUNNING", 0],
      ["m1", "SUCCEEDED", 0],
    ]);
    expect(contributions.removed.runs.map((r) => r.stateMachineId)).toEqual(["m0", "m1"]);
    expect(contributions.added.executions.map((c) => c.redriveCount)).toEqual([0, 1]);
    expect(contributions.added.runs).toHaveLength(2);
  });
});

describe("netBucketWrites", () => {
  const contribution = (status: string, redriveCount = 0): ExecutionContribution => ({
    stateMachineId: "m1",
    versionId: null,
    startDate: at(0),
    status,
    error: null,
    durationMs: 3000,
    redriveCount,
    source: "aws",
  });

  it("sums one bucket's rows into one, leaves out rows that sum to nothing, and drops only where something was removed", () => {
    const added = bucketWrites([contribution("SUCCEEDED"), contribution("SUCCEEDED", 2), contribution("FAILED")], [], 1, "postgresql");
    const removed = bucketWrites([contribution("FAILED")], [], -1, "postgresql");
    const net = netBucketWrites(added, removed);
    expect(net.map((w) => w.table).sort()).toEqual(["ExecutionDayBucket", "ExecutionHourBucket"]);
    for (const w of net) {
      // SUCCEEDED: 2 executions, 2 redrives; FAILED: +1 -1, left out
      expect(w.rows.map((r) => [r[3], ...r.slice(w.key.length)])).toEqual([["SUCCEEDED", 2, 2]]);
      expect(w.starts).toEqual(removed.find((r) => r.table === w.table)!.starts);
    }
    expect(netBucketWrites(added, []).every((w) => w.starts.length === 0)).toBe(true);
  });
});
