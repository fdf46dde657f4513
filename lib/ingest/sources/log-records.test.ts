import { describe, expect, it } from "vitest";
import { detailsOf } from "../../asl/history/types";
import { normalizeEvents } from "../normalize-events";
import { loadConformanceCases, unmaskTimestamps } from "../../../testing/recorded-data";
import { executionsFromLogRecords } from "./log-records";

const ARN = "arn:aws:states:eu-west-1:123456789012:express:Orders:run-1:0b1c";
const record = (id: number, type: string, details: object, extra: object = {}) => ({
  id: String(id),
  type,
  details,
  previous_event_id: String(id - 1),
  event_timestamp: String(1718026743000 + id),
  execution_arn: ARN,
  redrive_count: "0",
  ...extra,
});

describe("executionsFromLogRecords", () => {
  it("groups by execution, orders by numeric id and keys details like GetExecutionHistory", () => {
    const other = "arn:aws:states:eu-west-1:123456789012:express:Orders:run-2:9f9f";
    const records = [
      record(10, "ExecutionSucceeded", { output: '{"ok":true}', outputDetails: { truncated: false } }),
      record(2, "PassStateEntered", { name: "P", input: "{}", inputDetails: { truncated: false } }),
      record(1, "ExecutionStarted", { input: "{}", inputDetails: { truncated: false }, roleArn: "r" }),
      ...[3, 4, 5, 6, 7, 8, 9].map((id) => record(id, "PassStateExited", { name: "P", output: "{}", outputDetails: { truncated: false } })),
      record(1, "ExecutionStarted", { input: "{}", inputDetails: { truncated: false }, roleArn: "r" }, { execution_arn: other }),
    ];
    const [first, second] = executionsFromLogRecords(records);
    expect(first.events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(first.events[1].stateEnteredEventDetails).toEqual({ name: "P", input: "{}", inputDetails: { truncated: false } });
    expect(first.events[9].timestamp.getTime()).toBe(1718026743010);
    expect(first).toMatchObject({
      name: "run-1",
      stateMachineName: "Orders",
      stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:Orders",
      type: "EXPRESS",
      status: "SUCCEEDED",
      output: '{"ok":true}',
      region: "eu-west-1",
      accountId: "123456789012",
      source: "logs",
      incomplete: null,
    });
    expect(second.status).toBe("RUNNING");
    expect(second.incomplete).toMatch(/no terminal event in the logs yet/);
  });

  it("explains gaps from a log level below ALL and a missing outcome", () => {
    const [execution] = executionsFromLogRecords(
      [record(4, "TaskFailed", { error: "E", cause: "c" }), record(7, "TaskStateEntered", { name: "T", input: "{}" })],
      { level: "ERROR" },
    );
    expect(execution.status).toBe("UNKNOWN");
    expect(execution.incomplete).toContain("events 1-3, 5-6 of 7 are not in the logs (the logging level is ERROR");
    expect(execution.incomplete).toContain("no terminal event in the logs");
  });

  it("names the record and field that is wrong", () => {
    expect(() => executionsFromLogRecords([record(1, "ExecutionStarted", {}), { ...record(2, "X", {}), execution_arn: 5 }])).toThrow(
      "records[1].execution_arn: expected string, got number",
    );
  });
});

describe("recorded CloudWatch Logs records", () => {
  const cases = loadConformanceCases().filter((c) => c.expected.cloudwatch_log_events);

  it("converts every recorded log to the events of the recorded history", () => {
    expect(cases.length).toBe(10);
    for (const c of cases) {
      const records = unmaskTimestamps(c.expected.cloudwatch_log_events!, "event_timestamp");
      const [execution] = executionsFromLogRecords(records);
      const history = normalizeEvents(unmaskTimestamps(c.expected.events!), "events");
      expect(execution.events.length, c.id).toBe(records.length);
      const full = c.id.includes("_ALL_True");
      for (const event of execution.events) {
        const recorded = history.find((e) => e.id === event.id)!;
        expect(event.type, c.id).toBe(recorded.type);
        expect(event.previousEventId, c.id).toBe(recorded.previousEventId);
        if (full) expect(detailsOf(event), `${c.id} #${event.id}`).toEqual(detailsOf(recorded));
        else for (const [key, value] of Object.entries(detailsOf(event) ?? {})) expect(detailsOf(recorded)?.[key]).toEqual(value);
      }
      if (full) expect(execution.incomplete, c.id).toBeNull();
      else expect(execution.incomplete, c.id).toMatch(/not in the logs/);
      if (c.id.includes("_ALL_False")) expect(execution.incomplete).toContain("includeExecutionData is off");
      if (/_(ERROR|FATAL)_/.test(c.id)) expect(execution.incomplete).toMatch(/events 1(-2)? of 3 are not in the logs/);
      expect(execution.status, c.id).toBe(c.expected.status);
      if (c.expected.status === "FAILED") expect(execution.error).toBe(c.expected.error);
    }
  });
});
