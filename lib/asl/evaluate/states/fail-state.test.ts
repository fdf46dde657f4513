import { describe, expect, it } from "vitest";
import { runExecution } from "../../index";
import { detailsOf, eventLines } from "../../../../testing/asl/event-lines";

describe("Fail and Succeed states", () => {
  it("fails with Error/Cause and no exit event", async () => {
    const result = await runExecution({ definition: { StartAt: "F", States: { F: { Type: "Fail", Error: "E", Cause: "C" } } }, input: {} });
    expect([result.status, result.error, result.cause]).toEqual(["FAILED", "E", "C"]);
    expect(eventLines(result.events)).toEqual(["1<-0 ExecutionStarted", "2<-0 FailStateEntered", "3<-2 ExecutionFailed"]);
  });

  it("leaves out what the Fail state does not define", async () => {
    const result = await runExecution({ definition: { StartAt: "F", States: { F: { Type: "Fail" } } }, input: {} });
    expect(detailsOf(result.events, "ExecutionFailed")).toEqual({});
  });

  it("reads ErrorPath/CausePath from input, variables or an intrinsic", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "A",
        States: {
          A: { Type: "Pass", Assign: { code: "E42" }, Next: "F" },
          F: { Type: "Fail", ErrorPath: "$code", CausePath: "States.Format('bad {}', $.what)" },
        },
      },
      input: { what: "thing" },
    });
    expect([result.error, result.cause]).toEqual(["E42", "bad thing"]);
  });

  it("does not prefix a Fail state's own States.Runtime error", async () => {
    const result = await runExecution({
      definition: { StartAt: "F", States: { F: { Type: "Fail", Error: "States.Runtime", Cause: "mine" } } },
      input: {},
    });
    expect(result.cause).toBe("mine");
  });

  it("reports a missing ErrorPath with the field named", async () => {
    const result = await runExecution({
      definition: { StartAt: "F", States: { F: { Type: "Fail", ErrorPath: "$.nope" } } },
      input: { a: 1 },
    });
    expect(result.cause).toBe(
      `An error occurred while executing the state 'F' (entered at the event id #2). The JSONPath '$.nope' specified for the field 'ErrorPath' could not be found in the input '{"a":1}'`,
    );
  });

  it("ends successfully at a Succeed state with OutputPath", async () => {
    const result = await runExecution({
      definition: { StartAt: "S", States: { S: { Type: "Succeed", OutputPath: "$.keep" } } },
      input: { keep: [1], drop: 2 },
    });
    expect(result.output).toEqual([1]);
    expect(eventLines(result.events)).toEqual([
      "1<-0 ExecutionStarted",
      "2<-0 SucceedStateEntered",
      "3<-2 SucceedStateExited",
      "4<-3 ExecutionSucceeded",
    ]);
  });
});
