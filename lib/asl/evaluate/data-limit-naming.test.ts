import { describe, expect, it } from "vitest";
import { runExecution } from "../index";
import type { HistoryEvent } from "../history/types";

/**
 * What States.DataLimitExceeded's cause names. AWS-recorded (LocalStack's
 * tests/aws/services/stepfunctions/v2/error_handling/test_states_errors.snapshot.json):
 * - a state whose output passes 262,144 bytes: the state (`The state/task 'State_1' returned a
 *   result with a size exceeding ...`), the execution failing straight after the state's entry;
 * - a task whose own result passes it: the integration's resourceType (`'lambda'` for
 *   `arn:aws:states:::lambda:invoke`, in TaskFailed) or the function ARN (legacy Lambda resource).
 * So a task's state name appears once the result fits and its output does not.
 */
const SQS = "arn:aws:states:::sqs:sendMessage";
const HALF = "x".repeat(140_000);
const cause = (subject: string) =>
  `The state/task '${subject}' returned a result with a size exceeding the maximum number of bytes service limit.`;
const types = (events: HistoryEvent[]) => events.map((e) => e.type);

describe("States.DataLimitExceeded names", () => {
  it("the Task state whose output (input merged with a result that fits) passes the limit", async () => {
    const result = await runExecution({
      definition: { StartAt: "Send", States: { Send: { Type: "Task", Resource: SQS, ResultPath: "$.sent", End: true } } },
      input: { kept: HALF },
      taskInvoker: { invoke: () => ({ output: { MessageId: HALF } }) },
    });
    expect([result.status, result.error, result.cause]).toEqual(["FAILED", "States.DataLimitExceeded", cause("Send")]);
    expect(types(result.events).slice(-2)).toEqual(["TaskSucceeded", "ExecutionFailed"]);
  });

  it("the same for a JSONata Output, and for Parallel and Map states", async () => {
    const jsonata = await runExecution({
      definition: {
        QueryLanguage: "JSONata",
        StartAt: "Send",
        States: { Send: { Type: "Task", Resource: SQS, Output: "{% [$states.input.kept, $states.result.MessageId] %}", End: true } },
      },
      input: { kept: HALF },
      taskInvoker: { invoke: () => ({ output: { MessageId: HALF } }) },
    });
    expect(jsonata.cause).toBe(cause("Send"));
    const pass = { Type: "Pass", End: true };
    const parallel = await runExecution({
      definition: {
        StartAt: "Both",
        States: {
          Both: {
            Type: "Parallel",
            Branches: [
              { StartAt: "A", States: { A: pass } },
              { StartAt: "B", States: { B: pass } },
            ],
            End: true,
          },
        },
      },
      input: { kept: HALF },
    });
    expect(parallel.cause).toBe(cause("Both"));
    const map = await runExecution({
      definition: {
        StartAt: "Each",
        States: { Each: { Type: "Map", ItemProcessor: { StartAt: "I", States: { I: pass } }, End: true } },
      },
      input: [HALF, HALF],
    });
    expect(map.cause).toBe(cause("Each"));
  });

  it("the integration's resourceType, not the state, when the task's own result passes the limit (TaskFailed)", async () => {
    const result = await runExecution({
      definition: { StartAt: "Send", States: { Send: { Type: "Task", Resource: SQS, End: true } } },
      input: {},
      taskInvoker: { invoke: () => ({ output: { MessageId: HALF + HALF } }) },
    });
    expect([result.error, result.cause]).toEqual(["States.DataLimitExceeded", cause("sqs")]);
    expect(types(result.events).slice(-3)).toEqual(["TaskStarted", "TaskFailed", "ExecutionFailed"]);
  });
});
