import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestAws } from "../ingest-aws";
import { MemorySink } from "../memory-sink";
import { FakeAws, minute, type FakeMachine } from "../../../testing/ingest/fake-aws";

let aws: FakeAws;
beforeEach(() => {
  aws = new FakeAws();
});
afterEach(() => aws.restore());

describe("Map Runs", () => {
  it("imports child executions with their parent and Map Run, children before the parent", async () => {
    const orders = aws.addMachine("Orders");
    const parent = aws.addExecution(orders, "batch", 1, { mapRun: true });
    const mapRunArn = aws.mapRuns[0].arn;
    const childMachine: FakeMachine = {
      ...orders,
      name: "Orders/Map",
      arn: `${orders.arn}/Map`,
      definition: '{"StartAt":"Item"}',
      revisionId: "child",
    };
    const children = [0, 1, 2].map((i) => Object.assign(aws.addExecution(childMachine, `child${i}`, 2 + i), { mapRunArn }));
    children[1].status = "FAILED";
    const sink = new MemorySink();
    const summary = await ingestAws({ regions: ["us-east-1"], since: minute(-60), now: () => minute(100), sleep: async () => {} }, sink);

    expect(summary).toMatchObject({ inserted: 4, errors: [] });
    for (const child of children) {
      expect(sink.executions.get(child.arn)).toMatchObject({
        parentExecutionArn: parent.arn,
        mapRunArn,
        definition: '{"StartAt":"Item"}',
        stateMachineName: "Orders/Map",
      });
    }
    expect(sink.executions.get(children[1].arn)!.status).toBe("FAILED");
    expect(sink.saves.at(-1)!.executionArn).toBe(parent.arn);
    // The children's definition is pinned by the Map Run: one call for them, one for the parent.
    expect(aws.count("DescribeStateMachineForExecution")).toBe(2);
    expect(aws.calls.find((c) => c.op === "ListMapRuns")!.input.executionArn).toBe(parent.arn);

    const again = await ingestAws({ regions: ["us-east-1"], since: minute(-60), now: () => minute(100), sleep: async () => {} }, sink);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it("caps the children read per Map Run and says so", async () => {
    const orders = aws.addMachine("Orders");
    aws.addExecution(orders, "batch", 1, { mapRun: true });
    const mapRunArn = aws.mapRuns[0].arn;
    const childMachine: FakeMachine = { ...orders, name: "Orders/Map", arn: `${orders.arn}/Map` };
    for (let i = 0; i < 5; i++) Object.assign(aws.addExecution(childMachine, `child${i}`, 2 + i), { mapRunArn });
    const summary = await ingestAws(
      { regions: ["us-east-1"], since: minute(-60), sleep: async () => {}, maxMapRunChildren: 3 },
      new MemorySink(),
    );
    expect(summary.inserted).toBe(4);
    expect(summary.errors).toEqual([expect.objectContaining({ target: mapRunArn, code: "MapRunChildLimit" })]);
  });
});
