import { describe, expect, it } from "vitest";
import { runExecution } from "../../index";
import { eventLines } from "../../../../testing/asl/event-lines";

const start = new Date("2024-05-01T10:00:00Z");

describe("a task call refused before scheduling (the invoker's reject port)", () => {
  it("fails the state with the located cause and no TaskScheduled", async () => {
    const result = await runExecution({
      definition: {
        StartAt: "Act",
        States: { Act: { Type: "Task", Resource: "arn:aws:states:us-east-1:123456789012:activity:gone", End: true } },
      },
      input: {},
      context: { startTime: start },
      taskInvoker: {
        invoke: () => ({ output: "never asked" }),
        reject: (request) =>
          request.stateName === "Act" ? { error: "States.Runtime", cause: "The activity gone does not exist." } : undefined,
      },
    });
    expect(eventLines(result.events)).toEqual(["1<-0 ExecutionStarted", "2<-0 TaskStateEntered", "3<-2 ExecutionFailed"]);
    expect(result.cause).toBe(
      "An error occurred while executing the state 'Act' (entered at the event id #2). The activity gone does not exist.",
    );
  });
});
