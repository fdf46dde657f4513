import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestAws, type IngestAwsOptions } from "../ingest-aws";
import { MemorySink } from "../memory-sink";
import { FakeAws, minute, type FakeMachine } from "../../../testing/ingest/fake-aws";
import { expressCursorKey, logGroupNameFromArn } from "./aws-express-logs";
import { EXPRESS_MAX_DURATION_MS, LOG_DELIVERY_LAG_MS, splitWindow } from "./express-log-partitions";

let aws: FakeAws;
let express: FakeMachine;
const GROUP = "/aws/vendedlogs/states/Express-Logs";
beforeEach(() => {
  aws = new FakeAws();
  express = aws.addMachine("Express", {
    type: "EXPRESS",
    logging: { level: "ALL", includeExecutionData: true, logGroupArn: `arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}:*` },
  });
});
afterEach(() => aws.restore());

const execArn = (machine: string, name: string) => `arn:aws:states:us-east-1:123456789012:express:${machine}:${name}:5f3c`;
function log(machine: string, name: string, id: number, type: string, at: Date, details: object = {}) {
  const record = {
    id: String(id),
    type,
    details,
    previous_event_id: String(id - 1),
    event_timestamp: String(at.getTime()),
    execution_arn: execArn(machine, name),
    redrive_count: "0",
  };
  aws.logEvents.push({ group: GROUP, timestamp: at.getTime(), message: JSON.stringify(record) });
}
const seconds = (m: number, s: number) => new Date(minute(m).getTime() + s * 1000);
const options = (now: Date, extra: Partial<IngestAwsOptions> = {}): IngestAwsOptions => ({
  regions: ["us-east-1"],
  since: minute(-60),
  now: () => now,
  sleep: async () => {},
  ...extra,
});

describe("Express state machines from CloudWatch Logs", () => {
  it("imports whole executions from the log group, follows running ones and never shortens a history", async () => {
    log("Express", "a", 1, "ExecutionStarted", seconds(10, 0), {
      input: '{"password":"s3cret"}',
      inputDetails: { truncated: false },
      roleArn: "r",
    });
    log("Express", "a", 2, "PassStateEntered", seconds(10, 1), { name: "P", input: "{}" });
    log("Express", "a", 3, "PassStateExited", seconds(10, 2), { name: "P", output: "{}" });
    log("Express", "a", 4, "ExecutionSucceeded", seconds(10, 3), { output: "{}" });
    log("Express", "b", 1, "ExecutionStarted", seconds(58, 0), { input: "{}", roleArn: "r" });
    log("Express", "b", 2, "PassStateEntered", seconds(58, 30), { name: "P", input: "{}" });
    log("Elsewhere", "z", 1, "ExecutionStarted", seconds(20, 0), { input: "{}" });
    const sink = new MemorySink();
    const first = await ingestAws(options(minute(60), { redactPaths: ["$..password"] }), sink);

    expect(first).toMatchObject({ stateMachines: 1, inserted: 2, errors: [] });
    expect(aws.count("FilterLogEvents")).toBe(4);
    expect(aws.calls.find((c) => c.op === "FilterLogEvents")!.input).toMatchObject({
      logGroupName: GROUP,
      startTime: minute(-66).getTime(),
      endTime: minute(59).getTime(),
    });
    const a = sink.executions.get(execArn("Express", "a"))!;
    expect(a).toMatchObject({
      type: "EXPRESS",
      status: "SUCCEEDED",
      source: "logs",
      incomplete: null,
      definition: express.definition,
      name: "a",
      stateMachineArn: express.arn,
    });
    expect(a.input).toBe('{"password":"[REDACTED]"}');
    expect(sink.executions.get(execArn("Express", "b"))).toMatchObject({
      status: "RUNNING",
      incomplete: expect.stringContaining("no terminal event"),
    });
    expect(sink.executions.has(execArn("Elsewhere", "z"))).toBe(false);
    expect(sink.cursors.get(expressCursorKey(express.arn))).toBe(String(minute(59).getTime()));

    // b finishes after the first window closed; the next window reaches back far enough to read it whole.
    log("Express", "b", 3, "PassStateExited", seconds(59, 30), { name: "P", output: "{}" });
    log("Express", "b", 4, "ExecutionSucceeded", seconds(60, 10), { output: "{}" });
    const second = await ingestAws(options(minute(70)), sink);
    expect(second).toMatchObject({ updated: 1, inserted: 0 });
    expect(sink.executions.get(execArn("Express", "b"))).toMatchObject({ status: "SUCCEEDED", incomplete: null });
    expect(sink.executions.get(execArn("Express", "b"))!.events).toHaveLength(4);

    // A window that only sees b's last event must not replace its four events with one.
    sink.cursors.set(expressCursorKey(express.arn), String(seconds(66, 5).getTime()));
    const third = await ingestAws(options(minute(80)), sink);
    expect(aws.calls.filter((c) => c.op === "FilterLogEvents").at(-1)!.input.startTime).toBe(seconds(60, 5).getTime());
    expect(third).toMatchObject({ updated: 0, inserted: 0, unchanged: 1 });
    expect(sink.executions.get(execArn("Express", "b"))!.events).toHaveLength(4);
  });

  it("backfills days in partitions: an execution across a partition boundary is stored once and whole; a failed partition holds the cursor and a rerun loses nothing", async () => {
    const since = minute(-10 * 24 * 60);
    const now = minute(0);
    const parts = splitWindow(since.getTime() - EXPRESS_MAX_DURATION_MS - LOG_DELIVERY_LAG_MS, now.getTime() - LOG_DELIVERY_LAG_MS, 2);
    expect(parts.length).toBeGreaterThan(8);
    const boundary = parts[3].end;
    const at = (ms: number) => new Date(ms);
    // one execution per partition, plus one that starts a minute before a boundary and ends after it
    parts.forEach((p, i) => {
      log("Express", `p${i}`, 1, "ExecutionStarted", at(p.start + 3_600_000), { input: "{}", roleArn: "r" });
      log("Express", `p${i}`, 2, "ExecutionSucceeded", at(p.start + 3_660_000), { output: "{}" });
    });
    log("Express", "across", 1, "ExecutionStarted", at(boundary - 60_000), { input: "{}", roleArn: "r" });
    log("Express", "across", 2, "PassStateEntered", at(boundary - 1), { name: "P", input: "{}" });
    log("Express", "across", 3, "PassStateExited", at(boundary + 60_000), { name: "P", output: "{}" });
    log("Express", "across", 4, "ExecutionSucceeded", at(boundary + 120_000), { output: "{}" });
    aws.pageSize = 1;

    const broken = parts[5];
    aws.failWhen("FilterLogEvents", (input) =>
      input.startTime === broken.readStart ? Object.assign(new Error("bad"), { name: "InvalidParameterException" }) : null,
    );
    const sink = new MemorySink();
    const first = await ingestAws(options(now, { since, concurrency: 2 }), sink);
    expect(first.errors).toEqual([expect.objectContaining({ target: express.arn, code: "InvalidParameterException" })]);
    expect(Number(sink.cursors.get(expressCursorKey(express.arn)))).toBe(parts[4].end);
    expect(sink.executions.get(execArn("Express", "across"))).toMatchObject({ status: "SUCCEEDED", incomplete: null });
    expect(sink.executions.get(execArn("Express", "across"))!.events).toHaveLength(4);

    aws.rules.clear();
    const second = await ingestAws(options(now, { since, concurrency: 2 }), sink);
    expect(second.errors).toEqual([]);
    expect(sink.executions.size).toBe(parts.length + 1);
    for (const execution of sink.executions.values()) expect(execution).toMatchObject({ status: "SUCCEEDED", incomplete: null });
    expect(Number(sink.cursors.get(expressCursorKey(express.arn)))).toBe(parts.at(-1)!.end);
  });

  it("a save that fails while the page's later lookups would still run is reported, never left unhandled", async () => {
    for (const name of ["a", "b", "c"]) {
      log("Express", name, 1, "ExecutionStarted", seconds(10, 0), { input: "{}", roleArn: "r" });
      log("Express", name, 2, "ExecutionSucceeded", seconds(10, 1), { output: "{}" });
    }
    const sink = new MemorySink();
    // The first save fails at once; the lookups of the next executions take several turns of the
    // event loop, so the failure happens before the page's saves are awaited together.
    let lookups = 0;
    const failing = Object.assign(Object.create(sink) as MemorySink, {
      saveExecution: (execution: { executionArn: string }) =>
        execution.executionArn.includes(":a:") ? Promise.reject(new Error("disk full")) : sink.saveExecution(execution as never),
      saveExecutions: undefined,
      getExecutionState: async (arn: string) => {
        if (lookups++ > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        return sink.getExecutionState(arn);
      },
    });
    const unhandled: unknown[] = [];
    const listen = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listen);
    try {
      const summary = await ingestAws(options(minute(60)), failing);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      expect(summary.errors).toEqual([expect.objectContaining({ message: expect.stringContaining("disk full") })]);
    } finally {
      process.off("unhandledRejection", listen);
    }
  });

  it("says why an Express state machine without logging cannot be imported", async () => {
    express.logging = undefined;
    const summary = await ingestAws(options(minute(60)), new MemorySink());
    expect(summary.errors).toEqual([
      expect.objectContaining({ target: express.arn, code: "NoLogging", message: expect.stringContaining("logging level OFF") }),
    ]);
  });

  it("reads the log group name out of its ARN", () => {
    expect(logGroupNameFromArn("arn:aws:logs:us-east-1:1:log-group:/aws/vendedlogs/states/X:*")).toBe("/aws/vendedlogs/states/X");
  });
});
