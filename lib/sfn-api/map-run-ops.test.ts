import {
  CreateStateMachineCommand,
  DescribeMapRunCommand,
  InvalidArn,
  ListExecutionsCommand,
  ListMapRunsCommand,
  ResourceNotFound,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateMapRunCommand,
  ValidationException,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localSfnClient } from "../../testing/sfn-local-client";
import { createLocalSfnService, startSfnServer, type SfnServer } from "./index";

const ROLE = "arn:aws:iam::123456789012:role/statelens-test";

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

const distributed = (name: string, child: object, extra: object = {}) =>
  sfn.send(
    new CreateStateMachineCommand({
      name,
      roleArn: ROLE,
      definition: JSON.stringify({
        StartAt: "Fan",
        States: {
          Fan: {
            Type: "Map",
            Label: "fan",
            MaxConcurrency: 2,
            ToleratedFailurePercentage: 10,
            ItemProcessor: {
              ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
              StartAt: "Child",
              States: { Child: child },
            },
            Next: "After",
            ...extra,
          },
          After: { Type: "Wait", Seconds: 60, End: true },
        },
      }),
    }),
  );

describe("map runs", () => {
  it("describes a finished run, takes UpdateMapRun's settings, lists no child executions", async () => {
    const { stateMachineArn } = await distributed("dm", { Type: "Wait", Seconds: 5, End: true });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "[1,2,3]" }));
    const [listed] = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns!;
    expect(listed.mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:dm\/fan:[0-9a-f-]{36}$/);
    const mapRunArn = listed.mapRunArn!;
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(described).toMatchObject({
      mapRunArn,
      executionArn,
      status: "SUCCEEDED",
      maxConcurrency: 2,
      toleratedFailurePercentage: 10,
      toleratedFailureCount: 0,
      itemCounts: { total: 3, succeeded: 3, failed: 0, running: 0 },
      executionCounts: { total: 3, succeeded: 3 },
    });
    expect(described.stopDate).toEqual(listed.stopDate);

    await sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 7, toleratedFailureCount: 1 }));
    expect(await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).toMatchObject({
      maxConcurrency: 7,
      toleratedFailureCount: 1,
      toleratedFailurePercentage: 10,
    });
    await expect(sfn.send(new UpdateMapRunCommand({ mapRunArn }))).rejects.toBeInstanceOf(ValidationException);
    await expect(sfn.send(new UpdateMapRunCommand({ mapRunArn, toleratedFailurePercentage: 101 }))).rejects.toThrow(
      "1 validation error detected: Value '101' at 'toleratedFailurePercentage' failed to satisfy constraint: Member must have value less than or equal to 100",
    );

    expect((await sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions).toEqual([]);
    const unknown = mapRunArn.replace(/:[0-9a-f-]{36}$/, ":00000000-0000-0000-0000-000000000000");
    await expect(sfn.send(new ListExecutionsCommand({ mapRunArn: unknown }))).rejects.toBeInstanceOf(ResourceNotFound);
    await expect(sfn.send(new DescribeMapRunCommand({ mapRunArn: unknown }))).rejects.toBeInstanceOf(ResourceNotFound);
    await expect(sfn.send(new UpdateMapRunCommand({ mapRunArn: unknown, maxConcurrency: 1 }))).rejects.toBeInstanceOf(ResourceNotFound);
    await expect(sfn.send(new DescribeMapRunCommand({ mapRunArn: executionArn }))).rejects.toBeInstanceOf(InvalidArn);
  });

  it("a run still going has no stop date; stopping the execution aborts it", async () => {
    const { stateMachineArn } = await distributed("dm-wait", {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q", MessageBody: { "t.$": "$$.Task.Token" } },
      End: true,
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "[1,2]" }));
    const [running] = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns!;
    expect(running.stopDate).toBeUndefined();
    expect(await sfn.send(new DescribeMapRunCommand({ mapRunArn: running.mapRunArn }))).toMatchObject({
      status: "RUNNING",
      itemCounts: { total: 2, running: 2 },
    });
    await sfn.send(new StopExecutionCommand({ executionArn }));
    const [after] = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns!;
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn: after.mapRunArn }));
    expect(described.status).toBe("ABORTED");
    expect(after.stopDate).toEqual(described.stopDate);
    expect(after.stopDate).toBeInstanceOf(Date);
  });
});
