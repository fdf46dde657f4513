import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toEventDto } from "../../lib/model/execution";
import { layoutGraph, nodeSize, toElkGraph, type LaidOutGraph } from "./layout-graph";
import { prepareGraph } from "./prepare-graph";

const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, "../events/fixtures/parallel-retried.succeeded.json"), "utf8"));
const graph = prepareGraph(fixture.definition, fixture.events.map(toEventDto));

const box = (g: LaidOutGraph, id: string) => g.nodes.find((n) => n.node.id === id)!;

describe("toElkGraph", () => {
  it("nests group children and puts each edge in the group it connects", () => {
    const elk = toElkGraph(graph);
    const fan = elk.children!.find((c) => c.id === "Fan")!;
    expect(fan.children!.map((c) => c.id)).toEqual(["Fan[0]", "Fan[1]"]);
    const branch1 = fan.children![1];
    expect(branch1.children!.map((c) => c.id)).toEqual(["Fan[1]/Work", "Fan[1]/Wait1"]);
    expect(branch1.edges!.map((e) => [e.sources[0], e.targets[0]])).toEqual([["Fan[1]/Work", "Fan[1]/Wait1"]]);
    expect(elk.edges!.some((e) => e.sources[0] === "Fan[1]/Work")).toBe(false);
    expect(branch1.width).toBeUndefined();
    expect(branch1.children![0].width).toBe(nodeSize(graph.nodes.find((n) => n.id === "Fan[1]/Work")!).width);
  });
});

describe("layoutGraph with elkjs", () => {
  it("lays out top-down, children inside their groups, edges touching their nodes", async () => {
    const g = await layoutGraph(graph);
    expect(g.nodes).toHaveLength(graph.nodes.length);
    // top-down: each taken top-level transition goes downwards
    expect(box(g, "Prepare").absY).toBeGreaterThan(box(g, "__start__").absY);
    expect(box(g, "Fan").absY).toBeGreaterThan(box(g, "Prepare").absY);
    expect(box(g, "Done").absY).toBeGreaterThan(box(g, "Fan").absY + box(g, "Fan").height - 1);
    // branches side by side inside the Parallel group
    const b0 = box(g, "Fan[0]");
    const b1 = box(g, "Fan[1]");
    expect(Math.abs(b0.absY - b1.absY)).toBeLessThan(1);
    expect(b0.absX + b0.width <= b1.absX || b1.absX + b1.width <= b0.absX).toBe(true);
    for (const n of g.nodes) {
      if (!n.node.parentId) continue;
      const parent = box(g, n.node.parentId);
      expect(n.absX, n.node.id).toBeCloseTo(parent.absX + n.x);
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(parent.width + 0.01);
      expect(n.y + n.height).toBeLessThanOrEqual(parent.height + 0.01);
    }
    for (const e of g.edges) {
      const s = box(g, e.edge.source);
      const t = box(g, e.edge.target);
      const first = e.points[0];
      const last = e.points.at(-1)!;
      expect(first.y, e.edge.id).toBeCloseTo(s.absY + s.height, 0);
      expect(last.y, e.edge.id).toBeCloseTo(t.absY, 0);
      expect(first.x).toBeGreaterThanOrEqual(s.absX - 0.5);
      expect(first.x).toBeLessThanOrEqual(s.absX + s.width + 0.5);
    }
    expect(g.width).toBeGreaterThan(0);
    expect(g.height).toBeGreaterThan(box(g, "Done").absY);
  });

  it("places labels of catch and choice edges", async () => {
    const g = await layoutGraph({
      nodes: [
        { ...graph.nodes[1], id: "A", label: "A", parentId: null },
        { ...graph.nodes[1], id: "B", label: "B", parentId: null },
      ],
      edges: [{ id: "A->B", source: "A", target: "B", kind: "catch", label: "catch States.ALL", taken: true, parentId: null }],
      initialSelection: null,
    });
    expect(g.edges[0].label?.text).toBe("catch States.ALL");
    expect(g.edges[0].label!.y).toBeGreaterThan(box(g, "A").absY);
  });
});
