import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toEventDto } from "../../lib/model/execution";
import { listHistoryIds, loadHistory } from "../../testing/recorded-histories";
import { END_ID, prepareGraph, START_ID } from "./prepare-graph";
import type { PreparedGraph } from "./graph-types";

const fixturePath = path.join(import.meta.dirname, "../events/fixtures/parallel-retried.succeeded.json");
const fixture = JSON.parse(readFileSync(fixturePath, "utf8"));
const events = fixture.events.map(toEventDto);

const node = (g: PreparedGraph, id: string) => g.nodes.find((n) => n.id === id)!;
const edge = (g: PreparedGraph, source: string, target: string) => g.edges.find((e) => e.source === source && e.target === target)!;

describe("prepareGraph on a hand-made Parallel", () => {
  const graph = prepareGraph(JSON.stringify(fixture.definition), events);

  it("nests branch groups inside the Parallel node and keys repeated names by path", () => {
    expect(node(graph, "Fan")).toMatchObject({ kind: "parallel", parentId: null, status: "succeeded" });
    expect(node(graph, "Fan[0]")).toMatchObject({ kind: "branch", parentId: "Fan", label: "Branch 1" });
    expect(node(graph, "Fan[0]/Work")).toMatchObject({ parentId: "Fan[0]", status: "succeeded", maxAttempts: 1 });
    expect(node(graph, "Fan[1]/Work")).toMatchObject({ parentId: "Fan[1]", status: "retried", maxAttempts: 2 });
    expect(node(graph, "Fan[1]/Wait1").status).toBe("succeeded");
  });

  it("lists parents before their children", () => {
    const seen = new Set<string>();
    for (const n of graph.nodes) {
      if (n.parentId) expect(seen.has(n.parentId), n.id).toBe(true);
      seen.add(n.id);
    }
  });

  it("marks the path taken, start to end", () => {
    expect(edge(graph, START_ID, "Prepare").taken).toBe(true);
    expect(edge(graph, "Prepare", "Fan").taken).toBe(true);
    expect(edge(graph, "Fan[1]/Work", "Fan[1]/Wait1")).toMatchObject({ taken: true, parentId: "Fan[1]" });
    expect(edge(graph, "Fan", "Done").taken).toBe(true);
    expect(edge(graph, "Done", END_ID).taken).toBe(true);
    expect(node(graph, END_ID).status).toBe("succeeded");
    expect(graph.initialSelection).toBeNull();
  });

  it("shows not-reached states and an in-progress state when the history stops early", () => {
    const partial = prepareGraph(
      fixture.definition,
      events.filter((e: { id: number }) => e.id <= 16),
    );
    expect(node(partial, "Fan[1]/Work").status).toBe("in-progress");
    expect(node(partial, "Fan[1]/Wait1").status).toBe("not-reached");
    expect(node(partial, "Done").status).toBe("not-reached");
    expect(edge(partial, "Fan", "Done").taken).toBe(false);
    expect(partial.initialSelection).toBe("Fan[1]/Work");
  });

  it("rebuilds a graph from the history alone when the definition is missing", () => {
    const bare = prepareGraph(null, events);
    expect(bare.nodes.map((n) => n.id)).toEqual([
      START_ID,
      "Prepare",
      "Fan",
      "Fan[0]",
      "Fan[0]/Work",
      "Fan[1]",
      "Fan[1]/Work",
      "Fan[1]/Wait1",
      "Done",
      END_ID,
    ]);
    expect(edge(bare, "Fan[1]/Work", "Fan[1]/Wait1").taken).toBe(true);
  });
});

describe("prepareGraph on recorded AWS histories", () => {
  it("retried then caught: the task is caught, the catch edge taken, the Next edge not", () => {
    const h = loadHistory("scenarios.test_base_scenarios.TestBaseScenarios.test_lambda_invoke_with_retry_extended_input");
    const g = prepareGraph(h.definition, h.events);
    expect(node(g, "InvokeLambdaWithRetry")).toMatchObject({ status: "caught", maxAttempts: 4 });
    const caught = edge(g, "InvokeLambdaWithRetry", "HandleError");
    expect(caught).toMatchObject({ kind: "catch", taken: true, label: "catch States.ALL" });
    expect(edge(g, "InvokeLambdaWithRetry", END_ID).taken).toBe(false);
    expect(edge(g, "HandleError", END_ID).taken).toBe(true);
  });

  it("Parallel caught: Final not reached, FinalCaught taken", () => {
    const h = loadHistory("scenarios.test_base_scenarios.TestBaseScenarios.test_parallel_state_catch");
    const g = prepareGraph(h.definition, h.events);
    expect(node(g, "ParallelState").status).toBe("caught");
    expect(node(g, "ParallelState[0]/Branch1").status).toBe("failed");
    expect(node(g, "ParallelState[0]").status).toBe("failed");
    expect(node(g, "Final").status).toBe("not-reached");
    expect(edge(g, "ParallelState", "Final").taken).toBe(false);
    expect(edge(g, "ParallelState", "FinalCaught").taken).toBe(true);
  });

  it("Map break: processor states inside the Map group, the failed one selected", () => {
    const h = loadHistory("scenarios.test_base_scenarios.TestBaseScenarios.test_map_state_break_condition");
    const g = prepareGraph(h.definition, h.events);
    expect(node(g, "MapState/Equals3")).toMatchObject({ parentId: "MapState", runCount: 5, status: "succeeded" });
    expect(node(g, "MapState/Pass").runCount).toBe(4);
    expect(node(g, "MapState/Break").status).toBe("failed");
    expect(node(g, "MapState").status).toBe("failed");
    expect(node(g, "Final").status).toBe("not-reached");
    expect(g.initialSelection).toBe("MapState/Break");
    expect(node(g, END_ID).status).toBe("failed");
  });

  it("every recorded history: every run lands on a node, failures get selected", () => {
    for (const id of listHistoryIds()) {
      const h = loadHistory(id);
      const g = prepareGraph(h.definition, h.events);
      const entered = h.events.filter((e) => e.type.endsWith("StateEntered")).length;
      expect(
        g.nodes.reduce((sum, n) => sum + (n.kind === "branch" ? 0 : n.runCount), 0),
        id,
      ).toBe(entered);
      const failed = g.nodes.some((n) => n.status === "failed" && n.kind !== "end" && n.kind !== "branch");
      expect(g.initialSelection !== null, id).toBe(failed || g.nodes.some((n) => n.status === "in-progress"));
      for (const e of g.edges) {
        expect(g.nodes.some((n) => n.id === e.source) && g.nodes.some((n) => n.id === e.target), `${id} ${e.id}`).toBe(true);
      }
    }
  });
});
