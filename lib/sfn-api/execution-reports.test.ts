import { CreateStateMachineCommand, GetExecutionHistoryCommand, SendTaskSuccessCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localSfnClient } from "../../testing/sfn-local-client";
import type { IngestedExecution } from "../ingest/types";
import { createLocalSfnService, startSfnServer, type SfnServer } from "./index";

const CALLBACK = JSON.stringify({
  StartAt: "Approve",
  States: {
    Approve: {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { QueueUrl: "q", MessageBody: { "token.$": "$$.Task.Token" } },
      HeartbeatSeconds: 600,
      Next: "Done",
    },
    Done: { Type: "Pass", End: true },
  },
});

describe("execution reports to the store (onExecutionWaiting, onExecutionFinished)", () => {
  let server: SfnServer;
  const reports: { status: string; types: string[] }[] = [];
  let saving = 0;
  let overlapped = false;
  const record = async (execution: IngestedExecution) => {
    if (saving++ > 0) overlapped = true;
    await new Promise((resolve) => setTimeout(resolve, 30)); // a slow store: reports must still arrive in order
    reports.push({ status: execution.status, types: execution.events.map((e) => e.type) });
    saving--;
  };

  beforeAll(async () => {
    server = await startSfnServer({ service: createLocalSfnService({ onExecutionWaiting: record, onExecutionFinished: record }) });
  });
  afterAll(() => server.close());

  it("reports a waiting execution as RUNNING with its task scheduled, then its close, never out of order", async () => {
    const sfn = localSfnClient(server.url);
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: "waits", definition: CALLBACK, roleArn: "arn:aws:iam::123456789012:role/r" }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));
    await expect.poll(() => reports.length).toBe(1);
    expect(reports[0].status).toBe("RUNNING");
    expect(reports[0].types).toContain("TaskScheduled");
    expect(reports[0].types).not.toContain("ExecutionSucceeded");

    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const token = JSON.parse(events!.find((e) => e.type === "TaskScheduled")!.taskScheduledEventDetails!.parameters!).MessageBody.token;
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    await expect.poll(() => reports.length).toBe(2);
    expect(reports[1].status).toBe("SUCCEEDED");
    expect(reports[1].types.at(-1)).toBe("ExecutionSucceeded");
    expect(overlapped).toBe(false);
    sfn.destroy();
  });
});
