import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { localSfnClient } from "../../../testing/sfn-local-client";
import { processesOnAStore } from "../../../testing/db/processes-on-a-store";

// `statelens sfn-local --store` as a user runs it: a real process, killed with SIGKILL mid-execution
// and started again on the same store (SQLite here; PostgreSQL under `npm run test:pg`).
const ROOT = path.resolve(import.meta.dirname, "../../..");
const ROLE = "arn:aws:iam::123456789012:role/statelens-test";
const { store: testStore, children } = processesOnAStore();

/** Starts `statelens sfn-local --store` on the test store; resolves with its URL once it listens, or rejects with what it printed. */
function sfnLocal(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ["bin/statelens.mjs", "sfn-local", "--port", "0", "--store"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: testStore().target.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    const seen = () => {
      const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) resolve({ child, url, output: () => out });
    };
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      seen();
    });
    child.stderr!.on("data", (chunk: Buffer) => void (out += chunk.toString()));
    child.once("exit", () => reject(new Error(`sfn-local exited: ${out}`)));
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

describe("sfn-local --store across kill -9", () => {
  it("a waiting execution accepts its token after a restart; an activity task a worker took stays its own", async () => {
    const first = await sfnLocal();
    let sfn = localSfnClient(first.url);
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "restart-worker" }));
    const definition = JSON.stringify({
      StartAt: "Approve",
      States: {
        Approve: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          Parameters: { FunctionName: "approver", Payload: { "token.$": "$$.Task.Token" } },
          HeartbeatSeconds: 600,
          Next: "Work",
        },
        Work: { Type: "Task", Resource: activityArn, End: true },
      },
    });
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "restart", definition, roleArn: ROLE }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"id":1}' }));
    const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
    const token = JSON.parse(events.find((e) => e.type === "TaskScheduled")!.taskScheduledEventDetails!.parameters!).Payload.token;
    sfn.destroy();
    await killed(first.child);

    // a second engine on the same store and scope while the first runs would overwrite it: refused
    const second = await sfnLocal();
    await expect(sfnLocal()).rejects.toThrow(/another statelens engine .* runs the local Step Functions state of us-east-1:123456789012/);
    expect(second.output()).toContain("restored from the store: 1 state machines, 1 activities, 1 executions (1 running, resumed)");
    sfn = localSfnClient(second.url);
    expect((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).definition).toBe(definition);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"ok":true}' }));
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "w" }));
    expect(JSON.parse(task.input!)).toEqual({ ok: true });
    sfn.destroy();
    await killed(second.child);

    const third = await sfnLocal();
    sfn = localSfnClient(third.url);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe("RUNNING");
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken!, output: '"done"' }));
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: "SUCCEEDED", output: '"done"' });
    const history = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
    expect(history.filter((e) => e.type === "ActivityStarted").map((e) => e.activityStartedEventDetails!.workerName)).toEqual(["w"]);
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
    sfn.destroy();
  }, 90_000);
});
