import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  StartExecutionCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { localSfnClient } from "../sfn-local-client";

/** The repository root (where bin/statelens.mjs lives). */
const ROOT = path.resolve(import.meta.dirname, "../..");

const ROLE = "arn:aws:iam::123456789012:role/statelens-multi";

/** Pass, an inline Map over `items` (event count grows with them), then Fail for ids above 900. */
export const MULTI_DEFINITION = JSON.stringify({
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Parameters: { "id.$": "$.id", "items.$": "$.items" }, Next: "Each" },
    Each: {
      Type: "Map",
      ItemsPath: "$.items",
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "Score",
        States: { Score: { Type: "Pass", Parameters: { "item.$": "$" }, End: true } },
      },
      ResultPath: "$.scored",
      Next: "Check",
    },
    Check: { Type: "Choice", Choices: [{ Variable: "$.id", NumericGreaterThan: 900, Next: "TooLarge" }], Default: "Done" },
    TooLarge: { Type: "Fail", Error: "TooLarge", Cause: "id above 900" },
    Done: { Type: "Succeed" },
  },
});

export interface SfnLocalSource {
  /** the endpoint `statelens sfn-local` listens on */
  url: string;
  sfn: SFNClient;
  process: ChildProcess;
  /** ARNs of every execution started so far, in order */
  started: string[];
  /** Starts `count` more executions, spread over the state machines. */
  startExecutions(count: number): Promise<void>;
  /** ARN -> final status and history length, as the endpoint reports them now. */
  expected(): Promise<Map<string, { status: string; events: number }>>;
  /** SIGINT, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `statelens sfn-local` as its own process (a free port) and creates `machines` Standard
 * state machines on it through the AWS SDK; executions are started with `startExecutions`.
 */
export async function startSfnLocalSource(options: {
  machines: number;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<SfnLocalSource> {
  const child = spawn(process.execPath, ["bin/statelens.mjs", "sfn-local", "--port", "0"], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (c: Buffer) => void (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => void (err = (err + c.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let url: string | undefined;
  while (!(url = /API on (http:\/\/\S+)/.exec(out)?.[1])) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`statelens sfn-local did not start: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const sfn = localSfnClient(url);
  const machines: string[] = [];
  for (let m = 0; m < options.machines; m++) {
    machines.push(
      (await sfn.send(new CreateStateMachineCommand({ name: `multi-${m}`, definition: MULTI_DEFINITION, roleArn: ROLE }))).stateMachineArn!,
    );
  }
  const started: string[] = [];
  return {
    url,
    sfn,
    process: child,
    started,
    async startExecutions(count) {
      for (let i = 0; i < count; i++) {
        const k = started.length;
        const input = JSON.stringify({ id: (k * 37) % 1000, items: Array.from({ length: 3 + (k % 17) }, (_, j) => ({ j, k })) });
        started.push(
          (await sfn.send(new StartExecutionCommand({ stateMachineArn: machines[k % machines.length], name: `run-${k}`, input })))
            .executionArn!,
        );
      }
    },
    async expected() {
      // Executions run asynchronously on the endpoint: wait (a while) until none is still running.
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
        const statuses = await Promise.all(
          started.map(async (arn) => (await sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status),
        );
        if (!statuses.includes("RUNNING")) break;
      }
      const result = new Map<string, { status: string; events: number }>();
      for (const arn of started) {
        const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
        let events = 0;
        let nextToken: string | undefined;
        do {
          const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, nextToken, maxResults: 1000 }));
          events += page.events?.length ?? 0;
          nextToken = page.nextToken;
        } while (nextToken);
        result.set(arn, { status: status!, events });
      }
      return result;
    },
    async stop() {
      sfn.destroy();
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      return exited;
    },
  };
}
