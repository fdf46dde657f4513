import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { executionsFromLogRecords } from "../ingest/sources/log-records";
import { normalizeEvents } from "../ingest/normalize-events";
import { CONFORMANCE_DIR } from "../../testing/corpus";
import { unmaskTimestamps } from "../../testing/recorded-data";
import type { HistoryEvent } from "../asl/history/types";
import { historyToLogRecords } from "./history-to-log-records";
import type { LogLevel } from "./sfn-types";

const ARN = "arn:aws:states:us-east-1:123456789012:express:Orders:run-1:0f8e2f51-2b1c-4c5e-9a55-6c1ab2e1d0a7";
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

const history: HistoryEvent[] = [
  {
    id: 1,
    previousEventId: 0,
    timestamp: at(0),
    type: "ExecutionStarted",
    executionStartedEventDetails: { input: '{"a":1}', inputDetails: { truncated: false }, roleArn: "arn:aws:iam::123456789012:role/r" },
  },
  {
    id: 2,
    previousEventId: 1,
    timestamp: at(1),
    type: "TaskStateEntered",
    stateEnteredEventDetails: { name: "Charge", input: '{"a":1}', inputDetails: { truncated: false } },
  },
  {
    id: 3,
    previousEventId: 2,
    timestamp: at(2),
    type: "TaskScheduled",
    taskScheduledEventDetails: { resource: "invoke", resourceType: "lambda", region: "us-east-1", parameters: '{"a":1}' },
  },
  {
    id: 4,
    previousEventId: 3,
    timestamp: at(3),
    type: "TaskFailed",
    taskFailedEventDetails: { resource: "invoke", resourceType: "lambda", error: "Declined", cause: "no" },
  },
  { id: 5, previousEventId: 4, timestamp: at(4), type: "ExecutionFailed", executionFailedEventDetails: { error: "Declined", cause: "no" } },
];

describe("historyToLogRecords", () => {
  it("writes AWS's record shape: unwrapped details, text ids and epoch-ms timestamps", () => {
    const records = historyToLogRecords(history, { executionArn: ARN });
    expect(records).toHaveLength(5);
    expect(records[1]).toEqual({
      id: "2",
      type: "TaskStateEntered",
      details: { name: "Charge", input: '{"a":1}', inputDetails: { truncated: false } },
      previous_event_id: "1",
      event_timestamp: String(at(1).getTime()),
      execution_arn: ARN,
      redrive_count: "0",
    });
  });

  it("filters by logging level and drops execution data when asked", () => {
    const types = (level: LogLevel) => historyToLogRecords(history, { executionArn: ARN, level }).map((r) => r.type);
    expect(types("ERROR")).toEqual(["TaskFailed", "ExecutionFailed"]);
    expect(types("FATAL")).toEqual(["ExecutionFailed"]);
    expect(types("OFF")).toEqual([]);
    const bare = historyToLogRecords(history, { executionArn: ARN, includeExecutionData: false });
    expect(bare[0].details).toEqual({ roleArn: "arn:aws:iam::123456789012:role/r" });
    expect(bare[2].details).toEqual({ resource: "invoke", resourceType: "lambda", region: "us-east-1" });
  });

  it("round-trips through the CloudWatch Logs importer to the same history", () => {
    const [execution] = executionsFromLogRecords(historyToLogRecords(history, { executionArn: ARN }));
    expect(execution).toMatchObject({
      executionArn: ARN,
      type: "EXPRESS",
      status: "FAILED",
      error: "Declined",
      incomplete: null,
      stateMachineName: "Orders",
    });
    expect(execution.events).toEqual(history);
  });
});

/** What the recordings masked: timestamps and ARNs; JSON text that began with `{` was parsed. */
function comparable(record: Record<string, unknown>) {
  const details = Object.fromEntries(
    Object.entries((record.details ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === "string" && v.startsWith("{") ? JSON.parse(v) : v,
    ]),
  );
  return { id: record.id, type: record.type, previous_event_id: record.previous_event_id, redrive_count: record.redrive_count, details };
}

describe("historyToLogRecords against AWS's recorded CloudWatch Logs", () => {
  const dir = path.join(CONFORMANCE_DIR, "pure");
  const cases = readdirSync(dir).filter((f) => /_(ALL|ERROR|FATAL)_(True|False)-/.test(f));
  it.each(cases)("%s", (file) => {
    const recorded = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as {
      expected: { events: Record<string, unknown>[]; cloudwatch_log_events: Record<string, unknown>[] | null };
    };
    const [, level, data] = /_(ALL|ERROR|FATAL)_(True|False)-/.exec(file)!;
    const events = normalizeEvents(unmaskTimestamps(recorded.expected.events));
    const ours = historyToLogRecords(events, { executionArn: ARN, level: level as LogLevel, includeExecutionData: data === "True" });
    const expected = recorded.expected.cloudwatch_log_events ?? [];
    expect(ours.map((r) => comparable(r as unknown as Record<string, unknown>))).toEqual(expected.map(comparable));
  });
});
