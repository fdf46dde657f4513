import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../asl";
import type { Db } from "../db/client";
import { prismaSink } from "../db/prisma-sink";
import { createTestDb } from "../db/test-db";
import { EXAMPLE_WORKFLOWS } from "../examples";
import { ingestAws } from "../ingest/ingest-aws";
import type { IngestSink } from "../ingest/types";
import { createLocalSfnService, startSfnServer, type LocalSfnService, type SfnServer } from "./index";
import { localSfnClient } from "../../testing/sfn-local-client";

const ROLE = "arn:aws:iam::123456789012:role/statelens-e2e";
const STANDARD_COUNT = 30;
const TWINS = 4;
const LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/OrderFulfillmentExpress:*";
const CALLBACK = JSON.stringify({
  StartAt: "Approve",
  States: {
    Approve: {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { QueueUrl: "q", MessageBody: { "token.$": "$$.Task.Token" } },
      End: true,
    },
  },
});

let service: LocalSfnService;
let server: SfnServer;
let sfn: SFNClient;
let callbackArn: string;
const twins: { standard: string; express: string }[] = [];

/** The SDK path `statelens ingest aws --endpoint` takes, into the given sink. */
const ingest = (sink: IngestSink) =>
  ingestAws(
    { regions: ["us-east-1"], endpoint: server.url, since: new Date(Date.now() - 90 * 86_400_000), concurrency: 3, sleep: async () => {} },
    sink,
  );

beforeAll(async () => {
  // Executions start two hours ago, one second apart, so Express logs are past CloudWatch's delivery lag.
  let tick = 0;
  const base = Date.now() - 2 * 3_600_000;
  service = createLocalSfnService({ clock: { now: () => base + tick++ * 1000 } });
  server = await startSfnServer({ service });
  sfn = localSfnClient(server.url);
  const arns: string[] = [];
  for (const workflow of EXAMPLE_WORKFLOWS) {
    const out = await sfn.send(
      new CreateStateMachineCommand({ name: workflow.name, definition: JSON.stringify(workflow.definition), roleArn: ROLE }),
    );
    arns.push(out.stateMachineArn!);
  }
  const fulfillment = EXAMPLE_WORKFLOWS.findIndex((w) => w.name === "OrderFulfillment");
  const expressArn = (
    await sfn.send(
      new CreateStateMachineCommand({
        name: "OrderFulfillmentExpress",
        type: "EXPRESS",
        definition: JSON.stringify(EXAMPLE_WORKFLOWS[fulfillment].definition),
        roleArn: ROLE,
        loggingConfiguration: {
          level: "ALL",
          includeExecutionData: true,
          destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: LOG_GROUP } }],
        },
      }),
    )
  ).stateMachineArn!;
  const rand = seededRandom(7).random;
  for (let i = 0; i < STANDARD_COUNT; i++) {
    const index = i % EXAMPLE_WORKFLOWS.length;
    const input = JSON.stringify(EXAMPLE_WORKFLOWS[index].input(i, rand));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arns[index], name: `e2e-${i}`, input }));
    if (index === fulfillment && twins.length < TWINS) {
      const twin = await sfn.send(new StartExecutionCommand({ stateMachineArn: expressArn, name: `twin-${i}`, input }));
      twins.push({ standard: executionArn!, express: twin.executionArn! });
    }
  }
  const callbackMachine = await sfn.send(new CreateStateMachineCommand({ name: "Approval", definition: CALLBACK, roleArn: ROLE }));
  callbackArn = (
    await sfn.send(new StartExecutionCommand({ stateMachineArn: callbackMachine.stateMachineArn, name: "waiting", input: "{}" }))
  ).executionArn!;
}, 120_000);

afterAll(async () => {
  sfn.destroy();
  await server.close();
});

/** The Standard executions the service holds, as ARN -> {status, events}. */
function expectedStandard() {
  return new Map(
    [...service.context.store.executions.values()].map((e) => [e.executionArn, { status: e.status, events: e.events().length }]),
  );
}

async function assertStoredOnce(db: Db): Promise<void> {
  const expected = expectedStandard();
  const rows = await db.execution.findMany({ select: { executionArn: true, status: true, eventCount: true, type: true, source: true } });
  const standard = rows.filter((r) => r.type === "STANDARD");
  expect(standard.length).toBe(expected.size);
  for (const row of standard) {
    expect(expected.get(row.executionArn), row.executionArn).toEqual({ status: row.status, events: row.eventCount });
    expect(await db.historyEvent.count({ where: { execution: { executionArn: row.executionArn } } })).toBe(row.eventCount);
  }
  const express = rows.filter((r) => r.type === "EXPRESS");
  expect(express.map((r) => r.executionArn).sort()).toEqual(twins.map((t) => t.express).sort());
  expect(express.every((r) => r.source === "aws" || r.source === "logs")).toBe(true);
}

describe("ingest aws --endpoint against the local SFN API", () => {
  it("stores every execution once, then nothing new, then the callback's completion", async () => {
    const { db, close } = await createTestDb();
    try {
      const first = await ingest(prismaSink(db));
      expect(first.errors).toEqual([]);
      expect(first.inserted).toBe(STANDARD_COUNT + 1 + TWINS);
      expect(first.stateMachines).toBe(EXAMPLE_WORKFLOWS.length + 2);
      await assertStoredOnce(db);
      expect((await db.execution.findUnique({ where: { executionArn: callbackArn } }))?.status).toBe("RUNNING");

      const second = await ingest(prismaSink(db));
      expect(second).toMatchObject({ inserted: 0, updated: 0, errors: [] });
      // Standard executions are listed again and found unchanged; Express logs are read from the cursor on.
      expect(second.unchanged).toBe(STANDARD_COUNT + 1);

      const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: callbackArn }));
      const scheduled = history.events!.find((e) => e.type === "TaskScheduled")!;
      const token = JSON.parse(scheduled.taskScheduledEventDetails!.parameters!).MessageBody.token as string;
      await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
      const third = await ingest(prismaSink(db));
      expect(third).toMatchObject({ inserted: 0, updated: 1, errors: [] });
      const row = await db.execution.findUnique({ where: { executionArn: callbackArn } });
      expect(row).toMatchObject({ status: "SUCCEEDED", output: '{"approved":true}' });
      await assertStoredOnce(db);
    } finally {
      await close();
    }
  });

  it("loses and duplicates nothing when a run is killed after N saves and started again", async () => {
    for (const killAfter of [0, 5, 17, 33]) {
      const { db, close } = await createTestDb();
      try {
        const sink = prismaSink(db);
        let saves = 0;
        const dying: IngestSink = {
          ...sink,
          saveExecution: (execution) => (saves++ < killAfter ? sink.saveExecution(execution) : Promise.reject(new Error("killed"))),
          saveExecutions: undefined, // every save goes through the one above, which counts them
        };
        const killed = await ingest(dying);
        expect(killed.errors.length, `kill after ${killAfter}`).toBeGreaterThan(0);
        expect(await db.execution.count()).toBe(killAfter);
        const resumed = await ingest(sink);
        expect(resumed.errors).toEqual([]);
        expect(resumed.inserted + resumed.unchanged).toBeGreaterThanOrEqual(STANDARD_COUNT + 1 + TWINS - killAfter);
        await assertStoredOnce(db);
      } finally {
        await close();
      }
    }
    // four fresh stores and eight ingestions: about 15 s on a quiet machine, over 60 s on a loaded one
  }, 240_000);

  it("an Express twin ingested from CloudWatch Logs shows the same states as its Standard run", async () => {
    const { db, close } = await createTestDb();
    try {
      await ingest(prismaSink(db));
      for (const twin of twins) {
        const steps = async (arn: string) => {
          const execution = await db.execution.findUniqueOrThrow({
            where: { executionArn: arn },
            select: { id: true, status: true, incomplete: true },
          });
          const events = await db.historyEvent.findMany({
            where: { executionId: execution.id },
            orderBy: { eventId: "asc" },
            select: { type: true, stateName: true },
          });
          return {
            status: execution.status,
            incomplete: execution.incomplete,
            events: events.map((e) => `${e.type}:${e.stateName ?? ""}`),
          };
        };
        const standard = await steps(twin.standard);
        const express = await steps(twin.express);
        expect(express.events.length).toBeGreaterThan(4);
        expect(express).toEqual(standard);
      }
    } finally {
      await close();
    }
  });
});
