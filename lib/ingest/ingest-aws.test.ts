import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestAws, type IngestAwsOptions } from "./ingest-aws";
import { MemorySink } from "./memory-sink";
import { standardCursorKey } from "./sources/aws-sfn";
import { FakeAws, awsError, minute } from "../../testing/ingest/fake-aws";

let aws: FakeAws;
beforeEach(() => {
  aws = new FakeAws();
});
afterEach(() => aws.restore());

const sleeps: number[] = [];
const options = (extra: Partial<IngestAwsOptions> = {}): IngestAwsOptions => ({
  regions: ["us-east-1"],
  since: minute(-600),
  now: () => minute(200),
  sleep: async (ms) => {
    sleeps.push(ms);
  },
  ...extra,
});
const historyCalls = () => aws.calls.filter((c) => c.op === "GetExecutionHistory");

describe("ingestAws: Standard state machines", () => {
  it("paginates every listing and history, and asks for each definition once per revision", async () => {
    const orders = aws.addMachine("Orders");
    aws.addMachine("Payments");
    aws.addMachine("Empty");
    for (let i = 1; i <= 5; i++) aws.addExecution(orders, `o${i}`, i, { passes: i === 3 ? 1200 : 1 });
    aws.addExecution(aws.machines[1], "p1", 7, { status: "FAILED" });
    const sink = new MemorySink();
    const summary = await ingestAws(options(), sink);

    expect(summary).toMatchObject({ stateMachines: 3, executions: 6, inserted: 6, updated: 0, unchanged: 0, errors: [] });
    expect(summary.events).toBe(4 * 4 + 2402 + 4);
    expect(aws.count("ListStateMachines")).toBe(2);
    const big = sink.executions.get(`${orders.arn.replace("stateMachine", "execution")}:o3`)!;
    expect(big.events).toHaveLength(2402);
    expect(big.events.map((e) => e.id)).toEqual(Array.from({ length: 2402 }, (_, i) => i + 1));
    expect(historyCalls().filter((c) => c.input.executionArn === big.executionArn)).toHaveLength(3);
    expect(historyCalls().every((c) => c.input.maxResults === 1000)).toBe(true);
    expect(aws.count("DescribeStateMachineForExecution")).toBe(2);
    expect(big).toMatchObject({
      status: "SUCCEEDED",
      definition: orders.definition,
      revisionId: "r1",
      source: "aws",
      region: "us-east-1",
      accountId: "123456789012",
      type: "STANDARD",
    });
    expect(sink.executions.get(`${aws.machines[1].arn.replace("stateMachine", "execution")}:p1`)).toMatchObject({
      status: "FAILED",
      error: "Boom",
      cause: "it broke",
    });
  });

  it("saves executions fetched at the same time in shared transactions", async () => {
    const orders = aws.addMachine("Orders");
    for (let i = 1; i <= 40; i++) aws.addExecution(orders, `o${i}`, i);
    const sink = new MemorySink();
    // a commit takes a few ms, as a store's does: fetches that finish meanwhile queue behind it
    const slow =
      <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
      async (...args: A) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return f(...args);
      };
    sink.saveExecution = slow(sink.saveExecution.bind(sink));
    sink.saveExecutions = slow(sink.saveExecutions.bind(sink));
    const summary = await ingestAws(options({ concurrency: 4 }), sink);
    expect(summary).toMatchObject({ executions: 40, inserted: 40, errors: [] });
    expect(sink.transactions.reduce((a, b) => a + b, 0)).toBe(40);
    expect(sink.transactions.length).toBeLessThan(20); // 40 one by one before
  });

  it("keeps going through ThrottlingException and resumes a history at the throttled page", async () => {
    const orders = aws.addMachine("Orders");
    const execution = aws.addExecution(orders, "big", 1, { passes: 1000 });
    const throttle = () => awsError("ThrottlingException", "Rate exceeded");
    aws.failNext("ListStateMachines", throttle());
    aws.failNext("ListExecutions", throttle(), throttle(), throttle());
    aws.failNext(
      "GetExecutionHistory",
      (input) => (input.nextToken === "1000" ? throttle() : null),
      (input) => (input.nextToken === "1000" ? throttle() : null),
    );
    sleeps.length = 0;
    const sink = new MemorySink();
    const summary = await ingestAws(options(), sink);
    expect(summary.errors).toEqual([]);
    expect(summary.inserted).toBe(1);
    expect(sink.executions.get(execution.arn)!.events).toHaveLength(2002);
    expect(sleeps).toHaveLength(6);
    expect(sleeps[2]).toBeGreaterThan(sleeps[1] / 2);
    // Three pages, the second asked for three times, the first never again.
    expect(historyCalls().map((c) => c.input.nextToken ?? null)).toEqual([null, "1000", "1000", "1000", "2000"]);
  });

  it("gives up on a region with expired credentials, says so once, and does the other regions", async () => {
    aws.addExecution(aws.addMachine("East", { region: "us-east-1" }), "e1", 1);
    aws.addExecution(aws.addMachine("West", { region: "eu-west-1" }), "w1", 1);
    aws.addExecution(aws.machines[0], "e2", 2);
    aws.failNext("GetExecutionHistory", awsError("ExpiredTokenException", "The security token included in the request is expired"));
    const sink = new MemorySink();
    const summary = await ingestAws(options({ regions: ["us-east-1", "eu-west-1"], concurrency: 1 }), sink);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ target: "us-east-1", code: "ExpiredTokenException" });
    expect(summary.errors[0].message).toMatch(
      /^AWS credentials are missing, expired or invalid \(ExpiredTokenException: The security token/,
    );
    expect([...sink.executions.values()].map((e) => e.name)).toContain("w1");
    // Nothing of us-east-1 was half done: no cursor moved there.
    expect(sink.cursors.has(standardCursorKey(aws.machines[0].arn))).toBe(false);
  });

  it("records access denied and a deleted state machine, and goes on with the others", async () => {
    const denied = aws.addMachine("Denied");
    const deleted = aws.addMachine("Deleted");
    const fine = aws.addMachine("Fine");
    aws.addExecution(denied, "d1", 1);
    aws.addExecution(denied, "d2", 2);
    aws.addExecution(fine, "f1", 1);
    aws.failWhen("GetExecutionHistory", (input) =>
      String(input.executionArn).includes(":Denied:")
        ? awsError("AccessDeniedException", "User: arn:aws:iam::123456789012:user/ro is not authorized")
        : null,
    );
    aws.failWhen("ListExecutions", (input) =>
      input.stateMachineArn === deleted.arn ? awsError("StateMachineDoesNotExist", "State Machine Does Not Exist") : null,
    );
    const summary = await ingestAws(options({ stateMachines: ["Denied", deleted.arn, "Fine", "Ghost"], concurrency: 1 }), new MemorySink());
    expect(summary.inserted).toBe(1);
    expect(summary.errors.map((e) => [e.target, e.code])).toEqual([
      ["Ghost", "StateMachineDoesNotExist"],
      [denied.arn, "AccessDeniedException"],
      [deleted.arn, "StateMachineDoesNotExist"],
    ]);
    expect(summary.errors[1].message).toContain("access denied: GetExecutionHistory on " + denied.arn.replace("stateMachine", "execution"));
    expect(summary.errors[1].message).toContain("needs the IAM permission states:GetExecutionHistory");
    expect(summary.errors[2].message).toBe(`state machine ${deleted.arn} no longer exists (deleted); skipped`);
  });

  it("says when a history has expired and stops refreshing it", async () => {
    const orders = aws.addMachine("Orders");
    const running = aws.addExecution(orders, "long", 1, { status: "RUNNING" });
    const sink = new MemorySink();
    await ingestAws(options(), sink);
    expect(JSON.parse(sink.cursors.get(standardCursorKey(orders.arn))!).running).toEqual([running.arn]);
    aws.executions.splice(aws.executions.indexOf(running), 1);
    const summary = await ingestAws(options(), sink);
    expect(summary.errors).toEqual([
      expect.objectContaining({
        target: running.arn,
        code: "ExecutionDoesNotExist",
        message: expect.stringContaining("keeps closed Standard executions for 90 days"),
      }),
    ]);
    expect(JSON.parse(sink.cursors.get(standardCursorKey(orders.arn))!).running).toEqual([]);
  });
});

describe("ingestAws: incremental runs", () => {
  it("stops listing at the watermark minus the margin and fetches only what is new", async () => {
    const orders = aws.addMachine("Orders");
    for (let i = 1; i <= 10; i++) aws.addExecution(orders, `old${i}`, i);
    const sink = new MemorySink();
    expect((await ingestAws(options({ marginMs: 60_000 }), sink)).inserted).toBe(10);
    expect(JSON.parse(sink.cursors.get(standardCursorKey(orders.arn))!)).toMatchObject({
      newest: minute(10).toISOString(),
      floor: minute(-600).toISOString(),
    });

    aws.addExecution(orders, "new1", 100);
    aws.addExecution(orders, "new2", 101);
    aws.calls.length = 0;
    const second = await ingestAws(options({ marginMs: 60_000 }), sink);
    // Listed 101, 100 | 10, 9 | 8 -> stop (8 < 10 - 1 minute): three pages instead of six.
    expect(aws.calls.filter((c) => c.op === "ListExecutions" && !c.input.redriveFilter)).toHaveLength(3);
    expect(second).toMatchObject({ inserted: 2, unchanged: 2, updated: 0 });
    expect(historyCalls().map((c) => String(c.input.executionArn).split(":").pop())).toEqual(["new2", "new1"]);

    // An older `since` than ever before backfills down to it.
    aws.calls.length = 0;
    const backfill = await ingestAws(options({ marginMs: 60_000, since: minute(-900) }), sink);
    expect(backfill).toMatchObject({ inserted: 0, unchanged: 12 });
    expect(historyCalls()).toHaveLength(0);
  });

  it("is idempotent: a second run inserts and fetches nothing", async () => {
    const orders = aws.addMachine("Orders");
    for (let i = 1; i <= 5; i++) aws.addExecution(orders, `o${i}`, i, { status: i === 2 ? "FAILED" : "SUCCEEDED" });
    const sink = new MemorySink();
    await ingestAws(options(), sink);
    const before = historyCalls().length;
    const again = await ingestAws(options(), sink);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, events: 0, errors: [] });
    expect(historyCalls().length).toBe(before);
  });

  it("re-fetches a redriven execution when its redriveCount changes, and follows it until it closes", async () => {
    const orders = aws.addMachine("Orders");
    const failed = aws.addExecution(orders, "flaky", 1, { status: "FAILED" });
    const sink = new MemorySink();
    await ingestAws(options({ marginMs: 60_000 }), sink);
    for (let i = 0; i < 5; i++) aws.addExecution(orders, `later${i}`, 50 + i);
    await ingestAws(options({ marginMs: 60_000 }), sink);

    // Redrive: same ARN and start date (far behind the watermark), redriveCount 1, RUNNING again.
    failed.status = "RUNNING";
    failed.redriveCount = 1;
    failed.stopDate = undefined;
    failed.events.push({
      id: failed.events.length + 1,
      previousEventId: failed.events.length,
      type: "ExecutionRedriven",
      timestamp: minute(90),
      executionRedrivenEventDetails: { redriveCount: 1 },
    });
    const redrive = await ingestAws(options({ marginMs: 60_000 }), sink);
    expect(redrive).toMatchObject({ updated: 1, inserted: 0 });
    expect(sink.executions.get(failed.arn)).toMatchObject({ status: "RUNNING", redriveCount: 1, error: null });

    failed.status = "SUCCEEDED";
    failed.stopDate = minute(91);
    failed.events.push({
      id: failed.events.length + 1,
      previousEventId: failed.events.length,
      type: "ExecutionSucceeded",
      timestamp: minute(91),
      executionSucceededEventDetails: { output: "{}" },
    });
    const closed = await ingestAws(options({ marginMs: 60_000 }), sink);
    expect(closed.updated).toBe(1);
    expect(sink.executions.get(failed.arn)).toMatchObject({ status: "SUCCEEDED", redriveCount: 1 });
    expect(sink.executions.get(failed.arn)!.events.at(-1)!.type).toBe("ExecutionSucceeded");
    expect(JSON.parse(sink.cursors.get(standardCursorKey(orders.arn))!).running).toEqual([]);
  });
});
