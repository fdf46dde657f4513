import { describe, expect, it } from "vitest";
import { runExecution } from "../../index";
import { detailsOf, eventLines } from "../../../../testing/asl/event-lines";

const start = new Date("2024-05-01T10:00:00Z");
const wait = (fields: Record<string, unknown>, ql = "JSONPath") => ({
  QueryLanguage: ql,
  StartAt: "W",
  States: { W: { Type: "Wait", ...fields, End: true } },
});

describe("Wait state", () => {
  it("waits Seconds and SecondsPath on the virtual clock", async () => {
    const byPath = await runExecution({ definition: wait({ SecondsPath: "$.s" }), input: { s: 90 }, context: { startTime: start } });
    expect(byPath.stopDate.getTime() - start.getTime()).toBe(90_000);
    expect(byPath.events.find((e) => e.type === "WaitStateExited")?.timestamp.getTime()).toBe(start.getTime() + 90_000);
    const literal = await runExecution({ definition: wait({ Seconds: 5 }), input: {}, context: { startTime: start } });
    expect(literal.stopDate.getTime() - start.getTime()).toBe(5_000);
  });

  it("waits until Timestamp / TimestampPath, accepting offsets and nanoseconds", async () => {
    const until = await runExecution({
      definition: wait({ TimestampPath: "$.t" }),
      input: { t: "2024-05-01T12:00:00.123456789+02:00" },
      context: { startTime: start },
    });
    expect(until.stopDate.toISOString()).toBe("2024-05-01T10:00:00.123Z");
    const past = await runExecution({ definition: wait({ Timestamp: "2020-01-01T00:00:00Z" }), input: {}, context: { startTime: start } });
    expect(past.stopDate).toEqual(start);
  });

  it.each([
    [{ s: 1.5 }, "The SecondsPath parameter cannot be parsed as a long value: $.s == 1.5"],
    [{ s: -1 }, "The SecondsPath parameter references a negative value: $.s == -1"],
    [{}, "The SecondsPath parameter does not reference an input value: $.s"],
  ])("rejects SecondsPath input %j with AWS's message", async (input, message) => {
    const result = await runExecution({ definition: wait({ SecondsPath: "$.s" }), input });
    expect(result.error).toBe("States.Runtime");
    expect(result.cause).toBe(`An error occurred while executing the state 'W' (entered at the event id #2). ${message}`);
  });

  it("rejects timestamps without a zone and delays beyond AWS's limit", async () => {
    const noZone = await runExecution({ definition: wait({ TimestampPath: "$.t" }), input: { t: "2016-12-05T21:29:29" } });
    expect(noZone.cause).toContain(
      "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.t == 2016-12-05T21:29:29",
    );
    const far = await runExecution({ definition: wait({ Timestamp: "2200-01-01T00:00:00Z" }), input: {}, context: { startTime: start } });
    expect(far.cause).toContain("Wait state delay is too long.");
  });

  it("reports a bad JSONata Timestamp as EvaluationFailed linked to WaitStateEntered", async () => {
    const result = await runExecution({ definition: wait({ Timestamp: "{% $states.input.t %}" }, "JSONata"), input: { t: "yesterday" } });
    expect(result.error).toBe("States.QueryEvaluationError");
    expect(eventLines(result.events)).toEqual([
      "1<-0 ExecutionStarted",
      "2<-0 WaitStateEntered",
      "3<-2 EvaluationFailed",
      "4<-3 ExecutionFailed",
    ]);
    expect(detailsOf(result.events, "EvaluationFailed")).toMatchObject({ location: "Timestamp", state: "W" });
  });
});
