import { describe, expect, it } from "vitest";
import { maskRun, type RawRun } from "./mask-run";
import { hyphenateKey } from "./apply-snapshot-transformers";

const run = (events: unknown[], extra: Partial<RawRun> = {}): RawRun => ({ status: "SUCCEEDED", events, ...extra });

describe("maskRun", () => {
  it("masks event timestamps and date-times inside any string", () => {
    const masked = maskRun(
      run(
        [
          {
            timestamp: new Date("2024-05-01T10:00:00.123Z"),
            type: "PassStateExited",
            id: 3,
            previousEventId: 2,
            stateExitedEventDetails: {
              name: "P",
              output: JSON.stringify({
                at: "2024-05-01T10:00:00Z",
                text: "started 2024-05-01T10:00:00+02:00 ok",
                bad: "2016-12-05T25:29:29Z",
                local: "2016-12-05T21:29:29",
              }),
            },
          },
        ],
        { output: { StartTime: "2024-05-01T10:00:00.000Z", lastTimestamp: 17 } },
      ),
    );
    expect(masked.events[0].timestamp).toBe("timestamp");
    expect((masked.events[0].stateExitedEventDetails as { output: unknown }).output).toEqual({
      at: "date",
      text: "started date ok",
      bad: "2016-12-05T25:29:29Z",
      local: "2016-12-05T21:29:29",
    });
    expect(masked.output).toEqual({ StartTime: "date", lastTimestamp: "timestamp" });
  });

  it("parses JSON object text in event details one level deep, leaving arrays and scalars as text", () => {
    const masked = maskRun(
      run([
        {
          type: "PassStateExited",
          id: 1,
          previousEventId: 0,
          stateExitedEventDetails: {
            output: JSON.stringify({ Cause: JSON.stringify({ errorMessage: "x" }) }),
            assignedVariables: { obj: '{"a":1}', arr: "[1,2]", num: "3", str: '"s"' },
            inputDetails: { truncated: false },
          },
        },
        { type: "TaskFailed", id: 2, previousEventId: 1, taskFailedEventDetails: { cause: "{not json" } },
      ]),
    );
    expect(masked.events[0].stateExitedEventDetails).toEqual({
      output: { Cause: '{"errorMessage":"x"}' },
      assignedVariables: { obj: { a: 1 }, arr: "[1,2]", num: "3", str: '"s"' },
      inputDetails: { truncated: false },
    });
    expect((masked.events[1].taskFailedEventDetails as { cause: unknown }).cause).toBe("{not json");
  });

  it("labels UUIDs under *id keys in order, after labels already present, and replaces their references", () => {
    const a = "0f5c3a1e-8f7b-4c2d-9e1f-1234567890ab";
    const b = "1a2b3c4d-5e6f-4a1b-8c2d-abcdefabcdef";
    const masked = maskRun(
      run([], {
        output: {
          recorded: { requestId: "<uuid:1>" },
          MessageId: a,
          nested: { RequestID: b, again: { executionId: a } },
          text: `token ${a}-suffix`,
          plainText: b + "x",
          uuidValue: a,
        },
      }),
    );
    expect(masked.output).toEqual({
      recorded: { requestId: "<uuid:1>" },
      MessageId: "<uuid:2>",
      nested: { RequestID: "<uuid:3>", again: { executionId: "<uuid:2>" } },
      text: "token <uuid:2>-suffix",
      plainText: "<uuid:3>x",
      uuidValue: "<uuid:2>",
    });
  });

  it("masks ARN partition, region and account and region names", () => {
    const masked = maskRun(
      run([], {
        output: {
          fn: "arn:aws:lambda:us-east-1:123456789012:function:f",
          region: "eu-west-2",
          kept: "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>",
        },
      }),
    );
    expect(masked.output).toEqual({
      fn: "arn:<partition>:lambda:<region>:111111111111:function:f",
      region: "<region>",
      kept: "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>",
    });
  });

  it("masks Map Run ARN label and id, numbering distinct runs", () => {
    const arn = (label: string, id: string) => `arn:<partition>:states:<region>:111111111111:mapRun:<ArnPart_0idx>/${label}:${id}`;
    const events = [
      { type: "MapRunStarted", id: 4, previousEventId: 3, mapRunStartedEventDetails: { mapRunArn: arn("MapState", "x-1") } },
      { type: "MapRunStarted", id: 9, previousEventId: 8, mapRunStartedEventDetails: { mapRunArn: arn("Other", "x-2") } },
    ];
    const masked = maskRun(run(events));
    expect(masked.events.map((e) => (e.mapRunStartedEventDetails as { mapRunArn: string }).mapRunArn)).toEqual([
      arn("<MapRunArnPart0_0idx>", "<MapRunArnPart1_0idx>"),
      arn("<MapRunArnPart0_1idx>", "<MapRunArnPart1_1idx>"),
    ]);
    const kept = maskRun(run(events.slice(0, 1)), { keepMapRunLabel: true });
    expect((kept.events[0].mapRunStartedEventDetails as { mapRunArn: string }).mapRunArn).toBe(arn("MapState", "<MapRunArnPart1_0idx>"));
  });

  it("applies the case's reproducible snapshot transformers and skips runtime-value ones", () => {
    const token = "AQCEAAAAKgAAAAMAAAAAAAAAAR==";
    const masked = maskRun(
      run(
        [
          {
            type: "TaskScheduled",
            id: 3,
            previousEventId: 2,
            taskScheduledEventDetails: { parameters: JSON.stringify({ MessageBody: { TaskToken: token }, QueueUrl: "q" }) },
          },
          {
            type: "PassStateExited",
            id: 5,
            previousEventId: 4,
            stateExitedEventDetails: { output: JSON.stringify({ FunctionResult: 417, start_at: "2022-07-13T13:48:01.000000Z" }) },
          },
        ],
        { output: { FunctionResult: 417, echo: `got ${token}`, MD5OfMessageBody: "abc" } },
      ),
      {
        transformers: [
          { transformer: "RegexTransformer", arg0: "<runtime value>", arg1: "snf_role_arn" },
          { transformer: "transform.regex", arg0: "2022-07-13T13:48:01.000000Z", arg1: "<timestamp>" },
          { transformer: "JsonpathTransformer", jsonpath: "$..TaskToken", replacement: "task_token", replace_reference: true },
          {
            transformer: "JsonpathTransformer",
            arg0: "$..events..stateExitedEventDetails.output.FunctionResult",
            arg1: "RandomNumberGenerated",
            replace_reference: false,
          },
          {
            transformer: "JsonpathTransformer",
            arg0: "$..events..executionSucceededEventDetails.output.FunctionResult",
            arg1: "RandomNumberGenerated",
            replace_reference: false,
          },
          { transformer: "transform.key_value", arg0: "MD5OfMessageBody" },
        ],
      },
    );
    expect(masked.events[0].taskScheduledEventDetails).toEqual({
      parameters: { MessageBody: { TaskToken: "<task_token:1>" }, QueueUrl: "q" },
    });
    expect((masked.events[1].stateExitedEventDetails as { output: unknown }).output).toEqual({
      FunctionResult: "RandomNumberGenerated",
      start_at: "<timestamp>",
    });
    expect(masked.output).toEqual({
      FunctionResult: "RandomNumberGenerated",
      echo: "got <task_token:1>",
      MD5OfMessageBody: "<m-d5-of-message-body:1>",
    });
  });

  it("masks error and cause like the ExecutionFailed details they come from", () => {
    const masked = maskRun({
      status: "FAILED",
      error: "States.Runtime",
      cause: JSON.stringify({ at: "2024-01-01T00:00:00Z" }),
      events: [],
    });
    expect(masked.error).toBe("States.Runtime");
    expect(masked.cause).toEqual({ at: "date" });
  });

  it("hyphenates key names like the recorder", () => {
    expect(hyphenateKey("TaskToken")).toBe("task-token");
    expect(hyphenateKey("MD5OfMessageBody")).toBe("m-d5-of-message-body");
    expect(hyphenateKey("QueueUrl")).toBe("queue-url");
  });
});
