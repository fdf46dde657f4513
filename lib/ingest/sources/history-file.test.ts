import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detailsOf } from "../../asl/history/types";
import { HISTORIES_DIR } from "../../../testing/corpus";
import { loadConformanceCases, unmaskTimestamps } from "../../../testing/recorded-data";
import { executionFromHistoryFile, parseHistoryFile } from "./history-file";

const started = {
  id: 1,
  previousEventId: 0,
  type: "ExecutionStarted",
  timestamp: "2024-06-10T12:00:00.000+02:00",
  executionStartedEventDetails: { input: '{"a":1}', inputDetails: { truncated: false }, roleArn: "role" },
};
const succeeded = {
  id: 2,
  previousEventId: 1,
  type: "ExecutionSucceeded",
  timestamp: 1718013601.25,
  executionSucceededEventDetails: { output: '{"b":2}', outputDetails: { truncated: false } },
};

describe("parseHistoryFile", () => {
  it("reads ISO text, fractional epoch seconds and epoch milliseconds", () => {
    const later = { id: 3, previousEventId: 2, type: "SomethingNew", timestamp: 1718013602500, somethingNewEventDetails: { x: 1 } };
    const { events } = parseHistoryFile(JSON.stringify({ events: [started, succeeded, later] }));
    expect(events.map((e) => e.timestamp.toISOString())).toEqual([
      "2024-06-10T10:00:00.000Z",
      "2024-06-10T10:00:01.250Z",
      "2024-06-10T10:00:02.500Z",
    ]);
    expect(events[2].type).toBe("SomethingNew");
    expect(detailsOf(events[2])).toEqual({ x: 1 });
  });

  it("sorts reverse-order output by id and accepts a bare event array", () => {
    const { events } = parseHistoryFile(JSON.stringify([succeeded, started]));
    expect(events.map((e) => e.id)).toEqual([1, 2]);
  });

  it("names the field that is wrong", () => {
    const events = Array.from({ length: 13 }, (_, i) => ({ ...started, id: i + 1 }));
    (events[12] as Record<string, unknown>).type = 42;
    expect(() => parseHistoryFile(JSON.stringify({ events }))).toThrow("events[12].type: expected string, got number");
    delete (events[12] as Record<string, unknown>).type;
    expect(() => parseHistoryFile(JSON.stringify({ events }))).toThrow("events[12].type: expected string, but it is missing");
    expect(() => parseHistoryFile(JSON.stringify({ events: [{ ...started, timestamp: "yesterday" }] }))).toThrow(
      'events[0].timestamp: expected ISO date-time text or epoch seconds/milliseconds, got "yesterday"',
    );
    expect(() => parseHistoryFile(JSON.stringify({ events: [{ ...started, id: "x" }] }))).toThrow(
      "events[0].id: expected a non-negative integer",
    );
    expect(() => parseHistoryFile('{"items": []}')).toThrow('expected an object with an "events" array');
    expect(() => parseHistoryFile('{"events": []}')).toThrow("events: empty");
  });

  it("says a truncated file is truncated, with the position", () => {
    const text = JSON.stringify({ events: [started, succeeded] }, null, 1);
    const cut = text.slice(0, 200);
    expect(() => parseHistoryFile(cut)).toThrow(/^truncated JSON: the text ends at position 200 \(line \d+, column \d+\)/);
    expect(() => parseHistoryFile('{"events": [}')).toThrow(/invalid JSON at position 12 \(line 1, column 13\), near "}"/);
  });

  it("marks a single page (nextToken) as incomplete and summarizes the run", () => {
    const text = JSON.stringify({ events: [started, succeeded], nextToken: "abc" });
    const execution = executionFromHistoryFile(text, { fileName: "/tmp/run-7.history.json", stateMachineName: "Orders" });
    expect(execution).toMatchObject({
      name: "run-7",
      stateMachineName: "Orders",
      executionArn: "arn:aws:states:local:000000000000:execution:Orders:run-7",
      status: "SUCCEEDED",
      input: '{"a":1}',
      output: '{"b":2}',
      source: "file",
      incomplete: "the file holds one page of the history (nextToken present)",
    });
    expect(execution.stopDate?.toISOString()).toBe("2024-06-10T10:00:01.250Z");
  });
});

describe("recorded AWS histories", () => {
  const cases = loadConformanceCases();

  it("imports all 505 get-execution-history files with the recorded status, output and error", () => {
    const index = JSON.parse(readFileSync(path.join(HISTORIES_DIR, "index.json"), "utf8")) as {
      id: string;
      status: string;
      events: number;
    }[];
    const byId = new Map(cases.map((c) => [c.id, c]));
    expect(index.length).toBe(505);
    for (const entry of index) {
      const text = readFileSync(path.join(HISTORIES_DIR, `${entry.id}.history.json`), "utf8");
      const definition = readFileSync(path.join(HISTORIES_DIR, `${entry.id}.definition.json`), "utf8");
      const execution = executionFromHistoryFile(text, { fileName: `${entry.id}.history.json`, definition });
      expect(execution.status, entry.id).toBe(entry.status);
      expect(execution.events.length, entry.id).toBe(entry.events);
      expect(execution.name).toBe(entry.id);
      const expected = byId.get(entry.id)!.expected;
      if (expected.status === "SUCCEEDED") expect(JSON.parse(execution.output!), entry.id).toEqual(expected.output);
      if (expected.status === "FAILED") {
        expect(execution.error, entry.id).toBe(expected.error ?? null);
        expect(asJson(execution.cause), entry.id).toEqual(asJson(expected.cause ?? null));
      }
      for (const event of execution.events) {
        expect(event.timestamp).toBeInstanceOf(Date);
        const details = detailsOf(event) ?? {};
        for (const key of ["input", "output", "parameters", "cause"]) {
          if (key in details) expect(typeof details[key], `${entry.id} #${event.id}.${key}`).toBe("string");
        }
      }
    }
  });

  it("reads conformance expected.events (service cases) once timestamps are unmasked", () => {
    // Cases whose Parallel branch events were reordered carry masked ids ([0]) and cannot be read.
    const service = cases.filter((c) => c.file.includes("/service/") && c.expected.events?.every((e) => Number.isInteger(e.id)));
    expect(service.length).toBeGreaterThan(100);
    for (const c of service) {
      const events = unmaskTimestamps(c.expected.events!);
      const execution = executionFromHistoryFile(JSON.stringify({ events }), { fileName: c.id });
      if (c.expected.status !== "RUNNING_OR_UNKNOWN") expect(execution.status, c.id).toBe(c.expected.status);
      expect(execution.events.map((e) => e.type)).toEqual(events.map((e) => e.type));
      const started = detailsOf(execution.events[0]);
      if (started && "input" in started) expect(JSON.parse(started.input as string), c.id).toEqual(c.input);
    }
  });
});

function asJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
