import { describe, expect, it } from "vitest";
import { layoutGraph } from "./layout-graph";
import { mapConfigOf, prepareGraph } from "./prepare-graph";
import { nodeMeta } from "./node-meta";

const definition = {
  StartAt: "ProcessAllTheCustomerOrdersOfTheQuarter",
  States: {
    ProcessAllTheCustomerOrdersOfTheQuarter: {
      Type: "Map",
      MaxConcurrency: 10,
      ToleratedFailurePercentage: 5,
      ItemReader: { Resource: "arn:aws:states:::s3:getObject", Parameters: { Bucket: "b", Key: "k" } },
      ItemProcessor: {
        ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" },
        StartAt: "P",
        States: { P: { Type: "Pass", End: true } },
      },
      End: true,
    },
  },
};

describe("Map mode and concurrency on the graph", () => {
  it("reads the processor mode, limit, reader and tolerated failures from the definition", () => {
    expect(mapConfigOf(definition.States.ProcessAllTheCustomerOrdersOfTheQuarter)).toEqual({
      mode: "DISTRIBUTED",
      maxConcurrency: 10,
      executionType: "EXPRESS",
      itemReader: "s3:getObject",
      toleratedFailure: "5 %",
    });
    expect(mapConfigOf({ Type: "Map", ItemProcessor: { StartAt: "P", States: {} } })).toEqual({ mode: "INLINE" });
  });

  it("shows them on the Map node, and the group is wide enough for its header", async () => {
    const graph = prepareGraph(definition, []);
    const map = graph.nodes.find((n) => n.id === "ProcessAllTheCustomerOrdersOfTheQuarter")!;
    expect(nodeMeta(map)).toBe("Map · distributed (express) · max 10 at once");
    const laid = await layoutGraph(graph);
    const box = laid.nodes.find((n) => n.node.id === map.id)!;
    const header = map.label.length * 8 + nodeMeta(map).length * 6.3;
    expect(box.width).toBeGreaterThan(header);
  });
});
