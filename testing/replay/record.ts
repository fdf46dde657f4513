import { runExecution, type TaskInvoker } from "../../lib/asl";
import type { TaskRequest } from "../../lib/asl/ports";
import type { ReplaySource } from "../../lib/replay/replay-execution";

export const START = new Date("2026-03-01T10:00:00.000Z");

/** A test task: answers from `answer(request)`; a thrown `[error, cause]` fails the attempt. */
export function fnInvoker(answer: (request: TaskRequest) => unknown, durationMs = 250): TaskInvoker {
  return {
    invoke(request) {
      try {
        return { output: answer(request), durationMs };
      } catch (thrown) {
        const [error, cause] = thrown as [string, string];
        return { error, cause, durationMs };
      }
    },
  };
}

/** Runs a definition on the engine and returns it as a recorded execution to replay. */
export async function record(definition: object, input: unknown, taskInvoker: TaskInvoker, name = "rec-1"): Promise<ReplaySource> {
  const executionArn = `arn:aws:states:eu-west-1:123456789012:execution:Machine:${name}`;
  const result = await runExecution({
    definition,
    input,
    context: { executionArn, stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:Machine", startTime: START },
    taskInvoker,
  });
  return {
    executionArn,
    name,
    stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:Machine",
    stateMachineName: "Machine",
    definition: JSON.stringify(definition),
    status: result.status,
    events: result.events,
  };
}

const fn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;

/** Prepare -> Map (Work per item, retried) -> Parallel (Left | Right) -> Loop back while $.n < 2 -> Done. */
export const NESTED = {
  StartAt: "Prepare",
  States: {
    Prepare: {
      Type: "Task",
      Resource: fn("prepare"),
      ResultPath: "$.prepared",
      Assign: { stage: "prepared", "firstValue.$": "$.value" },
      Next: "Fan",
    },
    Fan: {
      Type: "Map",
      ItemsPath: "$.items",
      ResultPath: "$.mapped",
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "Work",
        States: {
          Work: { Type: "Task", Resource: fn("work"), Retry: [{ ErrorEquals: ["Flaky"], IntervalSeconds: 1, MaxAttempts: 3 }], End: true },
        },
      },
      Next: "Both",
    },
    Both: {
      Type: "Parallel",
      ResultPath: "$.both",
      Branches: [
        { StartAt: "Left", States: { Left: { Type: "Task", Resource: fn("left"), End: true } } },
        { StartAt: "Right", States: { Right: { Type: "Task", Resource: fn("right"), End: true } } },
      ],
      Next: "Count",
    },
    Count: { Type: "Pass", Parameters: { "n.$": "States.MathAdd($.n, 1)", "items.$": "$.items" }, Next: "Again" },
    Again: { Type: "Choice", Choices: [{ Variable: "$.n", NumericLessThan: 2, Next: "Fan" }], Default: "Done" },
    Done: { Type: "Succeed" },
  },
};
