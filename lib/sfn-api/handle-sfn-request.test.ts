import { CloudWatchLogsClient, FilterLogEventsCommand, ResourceNotFoundException } from "@aws-sdk/client-cloudwatch-logs";
import { describe, expect, it } from "vitest";
import { createLocalSfnService, handleSfnRequest, startSfnServer } from "./index";

const ROLE = "arn:aws:iam::123456789012:role/r";
const call = async (service: ReturnType<typeof createLocalSfnService>, target: string, body: unknown) => {
  const response = await handleSfnRequest(service, target, typeof body === "string" ? body : JSON.stringify(body));
  return { ...response, json: JSON.parse(response.body) as Record<string, unknown> };
};

describe("handleSfnRequest", () => {
  it("answers with epoch-second timestamps and awsJson content types", async () => {
    const service = createLocalSfnService({ clock: { now: () => Date.UTC(2026, 0, 2, 3, 4, 5, 678) } });
    const created = await call(service, "AWSStepFunctions.CreateStateMachine", {
      name: "m",
      roleArn: ROLE,
      definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
    });
    expect(created.status).toBe(200);
    expect(created.headers["content-type"]).toBe("application/x-amz-json-1.0");
    expect(created.json.creationDate).toBe(Date.UTC(2026, 0, 2, 3, 4, 5, 678) / 1000);
  });

  it("turns malformed requests into coral errors and unknown targets into UnknownOperationException", async () => {
    const service = createLocalSfnService();
    const bad = await call(service, "AWSStepFunctions.ListStateMachines", "{not json");
    expect(bad.status).toBe(400);
    expect(bad.json.__type).toBe("com.amazon.coral.service#SerializationException");
    const array = await call(service, "AWSStepFunctions.ListStateMachines", "[]");
    expect(array.json.__type).toBe("com.amazon.coral.service#SerializationException");
    const wrongType = await call(service, "AWSStepFunctions.DescribeStateMachine", { stateMachineArn: 5 });
    expect(wrongType.json).toEqual({
      __type: "com.amazon.coral.service#SerializationException",
      message: "Expected a string for member 'stateMachineArn'",
    });
    for (const target of ["", "AWSStepFunctions.CreateWorkflow", "AWSStepFunctions.toString", "Other.ListStateMachines"]) {
      const unknown = await call(service, target, {});
      expect(unknown.status).toBe(400);
      expect(unknown.json.__type).toBe("com.amazon.coral.service#UnknownOperationException");
    }
    expect((await call(service, "AWSStepFunctions.ListStateMachines", "")).json).toEqual({ stateMachines: [] });
  });

  it("reports an invoker that throws as a failed task, and an unexpected service error as a 500", async () => {
    const service = createLocalSfnService({
      taskInvoker: {
        invoke: () => {
          throw new Error("handler exploded");
        },
      },
    });
    const { json } = await call(service, "AWSStepFunctions.CreateStateMachine", {
      name: "t",
      roleArn: ROLE,
      definition: '{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}}}',
    });
    const started = await call(service, "AWSStepFunctions.StartExecution", { stateMachineArn: json.stateMachineArn });
    const described = await call(service, "AWSStepFunctions.DescribeExecution", { executionArn: started.json.executionArn });
    expect(described.json).toMatchObject({ status: "FAILED", error: "States.TaskFailed", cause: "handler exploded" });
    const broken = { ...service, call: async () => Promise.reject(new Error("disk on fire")) };
    const crashed = await call(broken, "AWSStepFunctions.ListStateMachines", {});
    expect(crashed.status).toBe(500);
    expect(crashed.json).toEqual({ __type: "com.amazon.coral.service#InternalFailure", message: "statelens local API: disk on fire" });
  });

  it("answers tasks it has no handler for with an explanation", async () => {
    const service = createLocalSfnService();
    const { json } = await call(service, "AWSStepFunctions.CreateStateMachine", {
      name: "u",
      roleArn: ROLE,
      definition:
        '{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","Parameters":{"TableName":"t","Key":{}},"End":true}}}',
    });
    const started = await call(service, "AWSStepFunctions.StartExecution", { stateMachineArn: json.stateMachineArn });
    const described = await call(service, "AWSStepFunctions.DescribeExecution", { executionArn: started.json.executionArn });
    expect(described.json.status).toBe("FAILED");
    expect(described.json.cause).toMatch(
      /^The statelens local Step Functions API has no handler for 'arn:aws:states:::dynamodb:getItem' \(state 'T'\)/,
    );
  });
});

describe("CloudWatch Logs of Express executions", () => {
  it("serves FilterLogEvents with time windows and paging to the Logs SDK client", async () => {
    const group = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/x:*";
    let t = Date.UTC(2026, 0, 1);
    const service = createLocalSfnService({ clock: { now: () => (t += 60_000) } });
    const server = await startSfnServer({ service });
    const logs = new CloudWatchLogsClient({
      region: "us-east-1",
      endpoint: server.url,
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
      maxAttempts: 1,
    });
    try {
      const { json } = await call(service, "AWSStepFunctions.CreateStateMachine", {
        name: "x",
        type: "EXPRESS",
        roleArn: ROLE,
        definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
        loggingConfiguration: {
          level: "ALL",
          includeExecutionData: false,
          destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: group } }],
        },
      });
      for (let i = 0; i < 3; i++)
        await call(service, "AWSStepFunctions.StartExecution", { stateMachineArn: json.stateMachineArn, input: "{}" });
      const messages: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/vendedlogs/states/x", limit: 5, nextToken }));
        messages.push(...page.events!.map((e) => e.message!));
        nextToken = page.nextToken;
      } while (nextToken);
      expect(messages).toHaveLength(12);
      const first = JSON.parse(messages[0]);
      expect(first).toMatchObject({ id: "1", type: "ExecutionStarted", details: { roleArn: ROLE }, redrive_count: "0" });
      expect(first.execution_arn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:x:/);
      const windowed = await logs.send(
        new FilterLogEventsCommand({
          logGroupName: "/aws/vendedlogs/states/x",
          startTime: Date.UTC(2026, 0, 1, 0, 2),
          endTime: Date.UTC(2026, 0, 1, 0, 3),
        }),
      );
      expect(windowed.events!.map((e) => JSON.parse(e.message!).type)).toEqual([
        "ExecutionStarted",
        "PassStateEntered",
        "PassStateExited",
        "ExecutionSucceeded",
      ]);
      await expect(logs.send(new FilterLogEventsCommand({ logGroupName: "/nope" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    } finally {
      logs.destroy();
      await server.close();
    }
  });
});
