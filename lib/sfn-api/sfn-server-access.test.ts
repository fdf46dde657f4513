import { request as httpRequest } from "node:http";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sfnAuditEntry } from "../audit/sfn-audit-entry";
import type { AuditEntry } from "../audit/record-audit";
import { createLocalSfnService, startSfnServer, type SfnServer } from "./index";
import { localSfnClient } from "../../testing/sfn-local-client";

const ROLE = "arn:aws:iam::123456789012:role/statelens-test";
const PASS = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
const WAIT = JSON.stringify({
  StartAt: "W",
  States: {
    W: {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q", MessageBody: { "t.$": "$$.Task.Token" } },
      End: true,
    },
  },
});

let server: SfnServer;
const audited: AuditEntry[] = [];

beforeAll(async () => {
  server = await startSfnServer({
    service: createLocalSfnService(),
    allowedHosts: ["sfn.dev.internal"],
    onCall: async (call) => {
      const entry = sfnAuditEntry(call, { actor: "local", ip: call.remoteAddress });
      if (entry) audited.push(entry);
    },
  });
});
afterAll(() => server.close());

function post(host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: server.port,
        method: "POST",
        path: "/",
        headers: { Host: host, "x-amz-target": "AWSStepFunctions.ListStateMachines", "content-type": "application/x-amz-json-1.0" },
      },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end("{}");
  });
}

describe("sfn-local request gate", () => {
  it("answers only requests addressed to localhost with its port, or to an allowed name (DNS rebinding)", async () => {
    for (const host of [
      `127.0.0.1:${server.port}`,
      `localhost:${server.port}`,
      `[::1]:${server.port}`,
      "sfn.dev.internal",
      `SFN.dev.internal:${server.port}`,
    ]) {
      expect((await post(host)).status, host).toBe(200);
    }
    for (const host of [
      "evil.example",
      `evil.example:${server.port}`,
      "localhost",
      `localhost:${server.port + 1}`,
      "localhost.evil.example",
      "127.0.0.1:1:2",
    ]) {
      const refused = await post(host);
      expect(refused.status, host).toBe(403);
      expect(JSON.parse(refused.body)).toMatchObject({
        __type: "com.amazon.coral.service#AccessDeniedException",
        message: expect.stringMatching(/DNS rebinding/),
      });
    }
  });

  it("reports every call that changes something, with its target, and no reads", async () => {
    audited.length = 0;
    const sfn = localSfnClient(server.url);
    try {
      const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "audited", definition: WAIT, roleArn: ROLE }));
      const express = await sfn.send(
        new CreateStateMachineCommand({ name: "audited-express", definition: PASS, roleArn: ROLE, type: "EXPRESS" }),
      );
      await sfn.send(new UpdateStateMachineCommand({ stateMachineArn, roleArn: ROLE })).catch(() => undefined);
      await sfn.send(new ListStateMachinesCommand({}));
      const token = async (executionArn: string) => {
        for (let i = 0; i < 50; i++) {
          const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
          const scheduled = events?.find((e) => e.type === "TaskScheduled");
          if (scheduled) return JSON.parse(scheduled.taskScheduledEventDetails!.parameters!).MessageBody.t as string;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error("no task token");
      };
      const one = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: "one" }));
      const t1 = await token(one.executionArn!);
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken: t1 }));
      await sfn.send(new SendTaskSuccessCommand({ taskToken: t1, output: "{}" }));
      const two = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: "two" }));
      await sfn.send(new SendTaskFailureCommand({ taskToken: await token(two.executionArn!), error: "E" }));
      const three = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: "three" }));
      await token(three.executionArn!);
      await sfn.send(new StopExecutionCommand({ executionArn: three.executionArn }));
      await sfn.send(new DescribeExecutionCommand({ executionArn: three.executionArn }));
      await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: express.stateMachineArn }));
      await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: express.stateMachineArn }));
    } finally {
      sfn.destroy();
    }
    expect(audited.map((e) => e.action)).toEqual([
      "sfn.create-state-machine",
      "sfn.create-state-machine",
      "sfn.update-state-machine",
      "sfn.start-execution",
      "sfn.send-task-heartbeat",
      "sfn.send-task-success",
      "sfn.start-execution",
      "sfn.send-task-failure",
      "sfn.start-execution",
      "sfn.stop-execution",
      "sfn.start-sync-execution",
      "sfn.delete-state-machine",
    ]);
    expect(audited[0]).toMatchObject({
      actor: "local",
      target: "audited",
      ip: "127.0.0.1",
      details: { operation: "CreateStateMachine", status: 200, stateMachineArn: expect.stringMatching(/stateMachine:audited$/) },
    });
    expect(audited[3]).toMatchObject({
      target: expect.stringMatching(/stateMachine:audited$/),
      details: { executionArn: expect.stringMatching(/:audited:one$/), name: "one" },
    });
    expect(audited[4].target).toMatch(/^task-token:.{12}…$/);
    expect(audited[9].target).toMatch(/:audited:three$/);
  });
});
