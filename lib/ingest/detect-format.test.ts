import { describe, expect, it } from "vitest";
import { detectFormat, UnrecognizedFormatError } from "./detect-format";

const record = {
  id: "1",
  type: "ExecutionStarted",
  details: {},
  event_timestamp: "1718026743000",
  execution_arn: "arn:aws:states:us-east-1:1:express:M:r:u",
};

describe("detectFormat", () => {
  it("tells histories, log records and exports apart", () => {
    expect(detectFormat('{"events": [{"id": 1, "type": "ExecutionStarted", "timestamp": 1}]}').kind).toBe("history");
    expect(detectFormat('[{"id": 1, "type": "ExecutionStarted", "timestamp": 1}]').kind).toBe("history");
    expect(detectFormat(JSON.stringify([record]))).toEqual({ kind: "logs", records: [record] });
    expect(detectFormat(JSON.stringify(record))).toEqual({ kind: "logs", records: [record] });
    expect(detectFormat(`${JSON.stringify(record)}\n\n${JSON.stringify({ ...record, id: "2" })}\n`)).toEqual({
      kind: "logs",
      records: [record, { ...record, id: "2" }],
    });
    expect(detectFormat('{"statelens": 1, "execution": {}}').kind).toBe("export");
  });

  it("unwraps `aws logs filter-log-events` output", () => {
    const output = {
      events: [{ logStreamName: "s", timestamp: 1, message: JSON.stringify(record), eventId: "e" }],
      searchedLogStreams: [],
    };
    expect(detectFormat(JSON.stringify(output))).toEqual({ kind: "logs", records: [record] });
    output.events[0].message = '{"id": "1", "type"';
    expect(() => detectFormat(JSON.stringify(output))).toThrow(/^events\[0\]\.message: truncated JSON/);
  });

  it("names the bad line of a JSON-lines file by its line number", () => {
    const text = `${JSON.stringify(record)}\n\n{"id": "2", "type": "X",}\n`;
    expect(() => detectFormat(text)).toThrow(/^line 3: invalid JSON at position 24/);
  });

  it("marks JSON in no known shape as unrecognized, not broken", () => {
    expect(() => detectFormat('[{"id": "x", "status": "SUCCEEDED"}]')).toThrow(UnrecognizedFormatError);
    expect(() => detectFormat('"just a string"')).toThrow(UnrecognizedFormatError);
    expect(() => detectFormat('{"items": []}')).toThrow(UnrecognizedFormatError);
    expect(() => detectFormat('{"events": [')).not.toThrow(UnrecognizedFormatError);
  });
});
