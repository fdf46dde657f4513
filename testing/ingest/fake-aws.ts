import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from "@aws-sdk/client-sfn";
import { mockClient } from "aws-sdk-client-mock";

/** An SDK-shaped service error (`name` is what the SDK sets from the error code). */
export function awsError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

export interface FakeMachine {
  region: string;
  arn: string;
  name: string;
  type: "STANDARD" | "EXPRESS";
  definition: string;
  revisionId: string;
  updateDate: Date;
  logging?: { level: string; includeExecutionData: boolean; logGroupArn: string };
}

export interface FakeExecution {
  arn: string;
  stateMachineArn: string;
  name: string;
  status: string;
  startDate: Date;
  stopDate?: Date;
  redriveCount: number;
  events: Record<string, unknown>[];
  revision: { definition: string; revisionId: string; updateDate: Date };
  mapRunArn?: string;
}

const T0 = Date.UTC(2026, 9, 1, 9, 0, 0);
export const minute = (n: number) => new Date(T0 + n * 60_000);

/**
 * A small in-memory Step Functions + CloudWatch Logs behind aws-sdk-client-mock, with pagination
 * (pageSize items per list page, maxResults for histories) and injectable failures per operation.
 */
export class FakeAws {
  readonly sfnMock = mockClient(SFNClient);
  readonly logsMock = mockClient(CloudWatchLogsClient);
  readonly machines: FakeMachine[] = [];
  readonly executions: FakeExecution[] = [];
  readonly mapRuns: { arn: string; parentArn: string }[] = [];
  readonly logEvents: { group: string; timestamp: number; message: string }[] = [];
  readonly failures = new Map<string, (Error | ((input: Record<string, unknown>) => Error | null))[]>();
  readonly rules = new Map<string, ((input: Record<string, unknown>) => Error | null)[]>();
  readonly calls: { op: string; input: Record<string, unknown> }[] = [];
  pageSize = 2;

  constructor() {
    const ops: [string, new (input: never) => never][] = [
      ["ListStateMachines", ListStateMachinesCommand as never],
      ["ListExecutions", ListExecutionsCommand as never],
      ["DescribeExecution", DescribeExecutionCommand as never],
      ["GetExecutionHistory", GetExecutionHistoryCommand as never],
      ["DescribeStateMachineForExecution", DescribeStateMachineForExecutionCommand as never],
      ["DescribeStateMachine", DescribeStateMachineCommand as never],
      ["ListMapRuns", ListMapRunsCommand as never],
    ];
    for (const [op, command] of ops) {
      this.sfnMock
        .on(command)
        .callsFake(async (input: Record<string, unknown>, getClient: () => SFNClient) =>
          this.handle(op, input, await getClient().config.region()),
        );
    }
    this.logsMock.on(FilterLogEventsCommand).callsFake(async (input: Record<string, unknown>) => this.handle("FilterLogEvents", input, ""));
  }

  restore(): void {
    this.sfnMock.restore();
    this.logsMock.restore();
  }

  count(op: string): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  /** The next call(s) of `op` fail (a function may decide per input and return null to pass). */
  failNext(op: string, ...errors: (Error | ((input: Record<string, unknown>) => Error | null))[]): void {
    this.failures.set(op, [...(this.failures.get(op) ?? []), ...errors]);
  }

  /** Every call of `op` for which `rule` returns an error fails with it. */
  failWhen(op: string, rule: (input: Record<string, unknown>) => Error | null): void {
    this.rules.set(op, [...(this.rules.get(op) ?? []), rule]);
  }

  addMachine(name: string, options: Partial<FakeMachine> = {}): FakeMachine {
    const region = options.region ?? "us-east-1";
    const machine: FakeMachine = {
      region,
      arn: `arn:aws:states:${region}:123456789012:stateMachine:${name}`,
      name,
      type: "STANDARD",
      definition: `{"Comment":"${name} r1","StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`,
      revisionId: "r1",
      updateDate: minute(-1000),
      ...options,
    };
    this.machines.push(machine);
    return machine;
  }

  /** An execution with `passes` Pass states; RUNNING ones have no terminal event. */
  addExecution(
    machine: FakeMachine,
    name: string,
    at: number,
    options: { status?: string; passes?: number; mapRun?: boolean; input?: string } = {},
  ): FakeExecution {
    const status = options.status ?? "SUCCEEDED";
    const input = options.input ?? `{"n":"${name}"}`;
    const events: Record<string, unknown>[] = [];
    const push = (type: string, details?: [string, object]) =>
      events.push({
        id: events.length + 1,
        previousEventId: events.length,
        type,
        timestamp: new Date(minute(at).getTime() + events.length * 10),
        ...(details ? { [details[0]]: details[1] } : {}),
      });
    push("ExecutionStarted", ["executionStartedEventDetails", { input, inputDetails: { truncated: false }, roleArn: "role" }]);
    for (let i = 0; i < (options.passes ?? 1); i++) {
      push("PassStateEntered", ["stateEnteredEventDetails", { name: "P", input }]);
      push("PassStateExited", ["stateExitedEventDetails", { name: "P", output: input }]);
    }
    const arn = `arn:aws:states:${machine.region}:123456789012:execution:${machine.name}:${name}`;
    if (options.mapRun) {
      const mapRunArn = `arn:aws:states:${machine.region}:123456789012:mapRun:${machine.name}/Map:${name}`;
      this.mapRuns.push({ arn: mapRunArn, parentArn: arn });
      push("MapRunStarted", ["mapRunStartedEventDetails", { mapRunArn }]);
    }
    if (status === "SUCCEEDED") push("ExecutionSucceeded", ["executionSucceededEventDetails", { output: input }]);
    if (status === "FAILED") push("ExecutionFailed", ["executionFailedEventDetails", { error: "Boom", cause: "it broke" }]);
    const execution: FakeExecution = {
      arn,
      stateMachineArn: machine.arn,
      name,
      status,
      startDate: minute(at),
      stopDate: status === "RUNNING" ? undefined : (events[events.length - 1].timestamp as Date),
      redriveCount: 0,
      events,
      revision: { definition: machine.definition, revisionId: machine.revisionId, updateDate: machine.updateDate },
    };
    this.executions.push(execution);
    return execution;
  }

  private async handle(op: string, input: Record<string, unknown>, region: string): Promise<unknown> {
    this.calls.push({ op, input: { ...input } });
    const queue = this.failures.get(op);
    if (queue?.length) {
      const next = queue[0];
      const error = typeof next === "function" ? next(input) : next;
      if (error) {
        queue.shift();
        throw error;
      }
    }
    for (const rule of this.rules.get(op) ?? []) {
      const error = rule(input);
      if (error) throw error;
    }
    return this.answer(op, input, region);
  }

  private answer(op: string, input: Record<string, unknown>, region: string): unknown {
    const offset = Number(input.nextToken ?? 0);
    const page = <T>(items: T[], size = this.pageSize) => ({
      items: items.slice(offset, offset + size),
      nextToken: offset + size < items.length ? String(offset + size) : undefined,
    });
    const execution = this.executions.find((e) => e.arn === input.executionArn);
    switch (op) {
      case "ListStateMachines": {
        const { items, nextToken } = page(this.machines.filter((m) => m.region === region));
        return {
          stateMachines: items.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: minute(-2000) })),
          nextToken,
        };
      }
      case "ListExecutions": {
        let list = this.executions.filter((e) =>
          input.mapRunArn ? e.mapRunArn === input.mapRunArn : e.stateMachineArn === input.stateMachineArn,
        );
        if (!input.mapRunArn && !this.machines.some((m) => m.arn === input.stateMachineArn))
          throw awsError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${input.stateMachineArn}'`);
        if (input.redriveFilter === "REDRIVEN") list = list.filter((e) => e.redriveCount > 0);
        list = [...list].sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
        const { items, nextToken } = page(list);
        return {
          executions: items.map((e) => ({
            executionArn: e.arn,
            stateMachineArn: e.stateMachineArn,
            name: e.name,
            status: e.status,
            startDate: e.startDate,
            stopDate: e.stopDate,
            redriveCount: e.redriveCount || undefined,
            mapRunArn: e.mapRunArn,
          })),
          nextToken,
        };
      }
      case "DescribeExecution":
        if (!execution) throw awsError("ExecutionDoesNotExist", `Execution Does Not Exist: '${input.executionArn}'`);
        return {
          executionArn: execution.arn,
          stateMachineArn: execution.stateMachineArn,
          name: execution.name,
          status: execution.status,
          startDate: execution.startDate,
          stopDate: execution.stopDate,
          input: (execution.events[0].executionStartedEventDetails as { input: string }).input,
          redriveCount: execution.redriveCount,
          mapRunArn: execution.mapRunArn,
        };
      case "GetExecutionHistory": {
        if (!execution) throw awsError("ExecutionDoesNotExist", `Execution Does Not Exist: '${input.executionArn}'`);
        const { items, nextToken } = page(execution.events, Number(input.maxResults ?? 100));
        return { events: structuredClone(items), nextToken };
      }
      case "DescribeStateMachineForExecution":
        if (!execution) throw awsError("ExecutionDoesNotExist");
        return { stateMachineArn: execution.stateMachineArn, name: execution.name, ...execution.revision };
      case "DescribeStateMachine": {
        const machine = this.machines.find((m) => m.arn === input.stateMachineArn);
        if (!machine) throw awsError("StateMachineDoesNotExist");
        return {
          stateMachineArn: machine.arn,
          name: machine.name,
          type: machine.type,
          definition: machine.definition,
          revisionId: machine.revisionId,
          loggingConfiguration: machine.logging
            ? {
                level: machine.logging.level,
                includeExecutionData: machine.logging.includeExecutionData,
                destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: machine.logging.logGroupArn } }],
              }
            : { level: "OFF" },
        };
      }
      case "ListMapRuns": {
        const { items, nextToken } = page(this.mapRuns.filter((r) => r.parentArn === input.executionArn));
        return {
          mapRuns: items.map((r) => ({ mapRunArn: r.arn, executionArn: r.parentArn, stateMachineArn: "x", startDate: minute(0) })),
          nextToken,
        };
      }
      case "FilterLogEvents": {
        const start = Number(input.startTime ?? 0);
        const end = Number(input.endTime ?? Infinity);
        // sorted by event timestamp, as FilterLogEvents returns them (start and end both inclusive)
        const matching = this.logEvents
          .filter((e) => e.group === input.logGroupName && e.timestamp >= start && e.timestamp <= end)
          .sort((a, b) => a.timestamp - b.timestamp);
        const { items, nextToken } = page(matching);
        return { events: items.map((e) => ({ timestamp: e.timestamp, message: e.message })), nextToken };
      }
    }
    throw new Error(`fake AWS: no ${op}`);
  }
}
