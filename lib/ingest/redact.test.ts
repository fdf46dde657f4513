import { describe, expect, it } from "vitest";
import { MemorySink } from "./memory-sink";
import { REDACTED, redactExecution, redactText, validateRedactPaths, withRedaction } from "./redact";
import { executionFromEvents } from "./sources/history-file";
import { normalizeEvents } from "./normalize-events";

const secretInput = JSON.stringify({ card: { number: "4111", cvc: "123" }, user: { password: "p1", name: "ann" } });
const events = normalizeEvents([
  { id: 1, previousEventId: 0, type: "ExecutionStarted", timestamp: 1, executionStartedEventDetails: { input: secretInput, roleArn: "r" } },
  {
    id: 2,
    previousEventId: 1,
    type: "TaskScheduled",
    timestamp: 2,
    taskScheduledEventDetails: { parameters: JSON.stringify({ Payload: { password: "p2" } }), resource: "invoke" },
  },
  {
    id: 3,
    previousEventId: 2,
    type: "PassStateExited",
    timestamp: 3,
    stateExitedEventDetails: { name: "P", output: '{"password": "p3"', assignedVariables: { creds: '{"password":"p4"}', n: "1" } },
  },
  {
    id: 4,
    previousEventId: 3,
    type: "ExecutionFailed",
    timestamp: 4,
    executionFailedEventDetails: { error: "E", cause: '{"errorMessage":"bad","password":"p5"}' },
  },
]);
const execution = executionFromEvents(events, { fileName: "x.json" });

describe("redaction", () => {
  it("replaces selected values in input, output, cause and every event payload", () => {
    const redacted = redactExecution(execution, ["$.card.number", "$..password"]);
    const text = JSON.stringify(redacted);
    for (const secret of ["4111", "p1", "p2", "p3", "p4", "p5"]) expect(text).not.toContain(secret);
    expect(JSON.parse(redacted.input!)).toEqual({ card: { number: REDACTED, cvc: "123" }, user: { password: REDACTED, name: "ann" } });
    expect(JSON.parse(redacted.events[1].taskScheduledEventDetails!.parameters as string)).toEqual({ Payload: { password: REDACTED } });
    // A truncated payload cannot be searched and is redacted whole.
    expect(redacted.events[2].stateExitedEventDetails!.output).toBe(JSON.stringify(REDACTED));
    expect(redacted.events[2].stateExitedEventDetails!.assignedVariables).toEqual({ creds: '{"password":"[REDACTED]"}', n: "1" });
    expect(JSON.parse(redacted.cause!)).toEqual({ errorMessage: "bad", password: REDACTED });
    // The original is untouched.
    expect(execution.input).toBe(secretInput);
  });

  it("leaves text alone when nothing matches and redacts the whole document for $", () => {
    expect(redactText('{ "a": 1 }', ["$.b"])).toBe('{ "a": 1 }');
    expect(redactText("plain cause text", ["$..password"])).toBe("plain cause text");
    expect(redactText('{"a":1}', ["$"])).toBe(JSON.stringify(REDACTED));
  });

  it("rejects paths that are not JSONPath", () => {
    expect(() => validateRedactPaths(["card.number"])).toThrow('must start with "$"');
  });

  it("redacts before the sink sees the execution", async () => {
    const sink = new MemorySink();
    await withRedaction(sink, ["$..password"]).saveExecution(execution);
    expect(JSON.stringify([...sink.executions.values()])).not.toMatch(/p[1-5]"/);
  });
});
