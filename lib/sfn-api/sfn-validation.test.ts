import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidDefinition,
  InvalidName,
  ListMapRunsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TestStateCommand,
  ValidateStateMachineDefinitionCommand,
  ValidationException,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalSfnService, startSfnServer, type SfnServer } from "./index";
import { localSfnClient } from "../../testing/sfn-local-client";

/**
 * Request validation, limits and messages through the real SDK. Expected values: the AWS API
 * reference (lengths; payloads "expressed as bytes in UTF-8 encoding"), AWS answers recorded in
 * LocalStack's snapshots (test_sfn_api.snapshot.json, test_sfn_api_validation.snapshot.json,
 * InvalidDefinition messages) and an AWS SDK user's log of the oversized-input answer
 * ("Value at 'input' failed to satisfy constraint: Member must have size less than or equal to
 * 262144 bytes in UTF-8 encoding").
 */
const ROLE = "arn:aws:iam::123456789012:role/statelens-validation";
const PASS = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
const CALLBACK = JSON.stringify({
  StartAt: "Ask",
  States: {
    Ask: {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { QueueUrl: "q", MessageBody: { "t.$": "$$.Task.Token" } },
      End: true,
    },
  },
});

let server: SfnServer;
let sfn: SFNClient;

beforeAll(async () => {
  server = await startSfnServer({ service: createLocalSfnService() });
  sfn = localSfnClient(server.url);
});
afterAll(async () => {
  sfn.destroy();
  await server.close();
});

async function refused(send: Promise<unknown>): Promise<{ name: string; message: string; error: unknown }> {
  try {
    await send;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message, error };
  }
  throw new Error("the request was accepted");
}

async function create(name: string, definition = PASS): Promise<string> {
  return (await sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE }))).stateMachineArn!;
}

describe("limits", () => {
  it("refuses a StartExecution input over 262,144 UTF-8 bytes, counted in bytes, not characters", async () => {
    const arn = await create("limits-input");
    // 131,073 two-byte characters: 262,146 bytes of UTF-8 (plus quotes), but only 131,075 characters.
    const big = JSON.stringify("é".repeat(131_073));
    const answer = await refused(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: big })));
    expect(answer.error).toBeInstanceOf(ValidationException);
    expect(answer.message).toBe(
      "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have size less than or equal to 262144 bytes in UTF-8 encoding",
    );
    const fits = JSON.stringify("a".repeat(262_144 - 2));
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: fits }));
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }))).status).toBe("SUCCEEDED");
  });

  it("checks the model's lengths before the state machine exists, and reports them together", async () => {
    const missing = "arn:aws:states:us-east-1:123456789012:stateMachine:nope";
    const long = "n".repeat(81);
    const answer = await refused(
      sfn.send(new StartExecutionCommand({ stateMachineArn: missing, name: long, input: JSON.stringify("x".repeat(262_144)) })),
    );
    expect(answer.error).toBeInstanceOf(ValidationException);
    expect(answer.message).toBe(
      `2 validation errors detected: Value '${long}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80; ` +
        "Value at 'input' failed to satisfy constraint: Member must have size less than or equal to 262144 bytes in UTF-8 encoding",
    );
    expect((await refused(sfn.send(new StartExecutionCommand({ stateMachineArn: missing, name: "a b" })))).error).toBeInstanceOf(
      StateMachineDoesNotExist,
    );
    const arn = await create("limits-name");
    const badName = await refused(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "a b" })));
    expect([badName.error instanceof InvalidName, badName.message]).toEqual([true, "Invalid Name: 'a b'"]);
    const notArn = await refused(sfn.send(new StartExecutionCommand({ stateMachineArn: "not-an-arn" })));
    expect([notArn.error instanceof InvalidArn, notArn.message]).toEqual([true, "Invalid Arn: 'Invalid ARN prefix: not-an-arn'"]);
  });

  it("refuses a role that is not an IAM role ARN, and an over-long state machine name", async () => {
    const role = await refused(sfn.send(new CreateStateMachineCommand({ name: "bad-role", definition: PASS, roleArn: "not-an-arn" })));
    expect([role.error instanceof InvalidArn, role.message]).toEqual([true, "Invalid Role Arn: 'not-an-arn'"]);
    const policy = "arn:aws:iam::aws:policy/AWSBatchFullAccess";
    expect((await refused(sfn.send(new CreateStateMachineCommand({ name: "bad-role", definition: PASS, roleArn: policy })))).message).toBe(
      `Invalid Role Arn: '${policy}'`,
    );
    const long = "m".repeat(81);
    const name = await refused(sfn.send(new CreateStateMachineCommand({ name: long, definition: PASS, roleArn: ROLE })));
    expect([name.error instanceof ValidationException, name.message]).toEqual([
      true,
      `1 validation error detected: Value '${long}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80`,
    ]);
  });

  it("refuses a SendTaskSuccess output over the limit and leaves the task waiting; checks SendTaskFailure's error and cause", async () => {
    const arn = await create("limits-callback", CALLBACK);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const token = JSON.parse(events!.find((e) => e.type === "TaskScheduled")!.taskScheduledEventDetails!.parameters!).MessageBody
      .t as string;
    const big = await refused(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify("x".repeat(300 * 1024)) })));
    expect(big.message).toBe(
      "1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have size less than or equal to 262144 bytes in UTF-8 encoding",
    );
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe("RUNNING");
    const failure = await refused(
      sfn.send(new SendTaskFailureCommand({ taskToken: token, error: "E".repeat(257), cause: "c".repeat(32_769) })),
    );
    expect(failure.message).toBe(
      "2 validation errors detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256; " +
        "Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768",
    );
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }));
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe("SUCCEEDED");
    const stop = await refused(sfn.send(new StopExecutionCommand({ executionArn, error: "E".repeat(257) })));
    expect(stop.error).toBeInstanceOf(ValidationException);
  });
});

describe("every operation that takes an ARN or a payload", () => {
  it("checks ARN lengths, TestState's role and input", async () => {
    const long = `arn:aws:states:us-east-1:123456789012:stateMachine:${"x".repeat(210)}`;
    const describe = await refused(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: long })));
    expect([describe.error instanceof ValidationException, describe.message]).toEqual([
      true,
      `1 validation error detected: Value '${long}' at 'stateMachineArn' failed to satisfy constraint: Member must have length less than or equal to 256`,
    ]);
    const pass = JSON.stringify({ Type: "Pass", End: true });
    const role = await refused(sfn.send(new TestStateCommand({ definition: pass, roleArn: "not-an-arn" })));
    expect([role.error instanceof InvalidArn, role.message]).toEqual([true, "Invalid Role Arn: 'not-an-arn'"]);
    const input = await refused(sfn.send(new TestStateCommand({ definition: pass, input: JSON.stringify("x".repeat(262_144)) })));
    expect(input.message).toBe(
      "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have size less than or equal to 262144 bytes in UTF-8 encoding",
    );
  });
});

describe("definition messages and ValidateStateMachineDefinition", () => {
  const cases: [string, string][] = [
    ["{}", "SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /"],
    [JSON.stringify({ StartAt: "A" }), "SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /"],
    [
      JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } }),
      "MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next",
    ],
    [
      JSON.stringify({ StartAt: "A", States: { A: { Type: "Task", End: true } } }),
      "SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] at /States/A",
    ],
    [
      JSON.stringify({
        QueryLanguage: "JSONata",
        StartAt: "Pass",
        States: { Pass: { Type: "Pass", QueryLanguage: "JSONPath", End: true } },
      }),
      "SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine at /States/Pass",
    ],
  ];

  it.each(cases)("CreateStateMachine names only the real problem of %s", async (definition, expected) => {
    const answer = await refused(sfn.send(new CreateStateMachineCommand({ name: "invalid", definition, roleArn: ROLE })));
    expect(answer.error).toBeInstanceOf(InvalidDefinition);
    expect(answer.message).toBe(`Invalid State Machine Definition: '${expected}'`);
    expect(answer.message).not.toMatch(/undefined|fsm\d|allowed values/);
  });

  it("answers OK / FAIL with AWS's diagnostics, on the same checks", async () => {
    const validate = (definition: string, type?: "STANDARD" | "EXPRESS") =>
      sfn.send(new ValidateStateMachineDefinitionCommand({ definition, type }));
    const ok = await validate(PASS);
    expect([ok.result, ok.diagnostics, ok.truncated]).toEqual(["OK", [], false]);
    expect((await validate(" ")).diagnostics).toEqual([
      { severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "Definition must be a valid JSON object" },
    ]);
    expect((await validate("{}")).diagnostics).toEqual([
      { severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "These fields are required: [States, StartAt]", location: "/" },
    ]);
    const notJson = await validate("not a definition");
    expect([notJson.result, notJson.diagnostics![0].code]).toEqual(["FAIL", "INVALID_JSON_DESCRIPTION"]);
    expect((await validate(CALLBACK, "EXPRESS")).diagnostics).toEqual([
      {
        severity: "ERROR",
        code: "SCHEMA_VALIDATION_FAILED",
        message: "Express state machine does not support '.waitForTaskToken' service integration ",
        location: "/States/Ask/Resource",
      },
    ]);
    // nested in a Parallel branch and a Map processor, located as AWS locates them
    const nested = JSON.stringify({
      StartAt: "P",
      States: {
        P: {
          Type: "Parallel",
          End: true,
          Branches: [
            { StartAt: "Run", States: { Run: { Type: "Task", Resource: "arn:aws:states:::states:startExecution.sync:2", End: true } } },
            {
              StartAt: "M",
              States: {
                M: {
                  Type: "Map",
                  End: true,
                  ItemProcessor: {
                    StartAt: "Work",
                    States: { Work: { Type: "Task", Resource: "arn:aws:states:us-east-1:123456789012:activity:w", End: true } },
                  },
                },
              },
            },
          ],
        },
      },
    });
    expect((await validate(nested, "EXPRESS")).diagnostics).toEqual([
      {
        severity: "ERROR",
        code: "SCHEMA_VALIDATION_FAILED",
        message: "Express state machine does not support '.sync:2' service integration",
        location: "/States/P/Branches[0]/States/Run/Resource",
      },
      {
        severity: "ERROR",
        code: "SCHEMA_VALIDATION_FAILED",
        message: "Express state machine does not support Activity ARN",
        location: "/States/P/Branches[1]/States/M/ItemProcessor/States/Work/Resource",
      },
    ]);
    const many = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "X" }, B: { Type: "Pass", Next: "Y" } } });
    const cut = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: many, maxResults: 1 }));
    expect([cut.result, cut.diagnostics!.length, cut.truncated]).toEqual(["FAIL", 1, true]);
  });
});

describe("ListMapRuns", () => {
  it("reports each Map Run's own stop date, not the execution's", async () => {
    const definition = JSON.stringify({
      StartAt: "Fan",
      States: {
        Fan: {
          Type: "Map",
          ItemProcessor: {
            ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
            StartAt: "W",
            States: { W: { Type: "Wait", Seconds: 5, End: true } },
          },
          Next: "Later",
        },
        Later: { Type: "Wait", Seconds: 3600, End: true },
      },
    });
    const arn = await create("map-runs", definition);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: "[1, 2]" }));
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const [run] = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns!;
    expect(run.stopDate!.getTime() - run.startDate!.getTime()).toBe(5000);
    expect(described.stopDate!.getTime() - run.stopDate!.getTime()).toBe(3_600_000);
  });
});
