import { describe, expect, it } from "vitest";
import { prepareGraph } from "../graph/prepare-graph";
import { prepareTimeline } from "../timeline/prepare-timeline";
import { filterEvents } from "./filter-events";
import { prepareStateRuns } from "./prepare-state-runs";
import { syntheticMapHistory } from "./synthetic-history";

describe("25,000-event history", () => {
  const { definition, events } = syntheticMapHistory(3500);

  it("is AWS-shaped: increasing ids, links to earlier events, time order", () => {
    expect(events.length).toBeGreaterThan(25_000);
    events.forEach((e, i) => {
      expect(e.id).toBe(i + 1);
      expect(e.previousEventId).toBeLessThan(e.id);
      if (i > 0) expect(Date.parse(e.timestamp)).toBeGreaterThanOrEqual(Date.parse(events[i - 1].timestamp));
    });
  });

  it("groups, graphs and lays out a timeline quickly", () => {
    const t0 = performance.now();
    const prepared = prepareStateRuns(events, definition);
    const graph = prepareGraph(definition, events, prepared);
    const timeline = prepareTimeline(events, { prepared });
    const filtered = filterEvents(events, { types: new Set(["TaskFailed"]) }, () => null);
    const ms = performance.now() - t0;
    console.log(`prepare ${events.length} events: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(3000);
    const iterations = prepared.frames.filter((f) => f.kind === "iteration");
    expect(iterations).toHaveLength(3500);
    expect(iterations.every((f) => f.status === "succeeded")).toBe(true);
    const charge = graph.nodes.find((n) => n.id === "Process/Charge")!;
    expect(charge.runCount).toBe(3500);
    expect(charge.status).toBe("caught");
    expect(charge.maxAttempts).toBe(2);
    expect(graph.nodes.find((n) => n.id === "Process/Declined")!.runCount).toBe(prepared.runs.filter((r) => r.status === "caught").length);
    expect(timeline.defaultCollapsed).toContain(prepared.runs.find((r) => r.stateName === "Process")!.key);
    expect(filtered.length).toBe(prepared.runs.reduce((n, r) => n + r.attempts.filter((a) => a.outcome === "failed").length, 0));
  });
});
