import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toEventDto, type EventDto } from "../../lib/model/execution";
import { listHistoryIds, loadHistory } from "../../testing/recorded-histories";
import { layoutTimeline, tickStep } from "./layout-timeline";
import { prepareTimeline, type TimelineRow } from "./prepare-timeline";

const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, "../events/fixtures/parallel-retried.succeeded.json"), "utf8"));
const events: EventDto[] = fixture.events.map(toEventDto);
const T0 = Date.parse(events[0].timestamp);

function flatten(rows: TimelineRow[], depth = 0, out: [string, number][] = []): [string, number][] {
  for (const r of rows) {
    out.push([r.label, depth]);
    flatten(r.children, depth + 1, out);
  }
  return out;
}

describe("prepareTimeline", () => {
  const model = prepareTimeline(events, { definition: fixture.definition });

  it("spans the execution and nests branch lanes under the Parallel run", () => {
    expect(model.start).toBe(T0);
    expect(model.end - model.start).toBe(5570);
    expect(flatten(model.rows)).toEqual([
      ["Prepare", 0],
      ["Fan", 0],
      ["Branch 1", 1],
      ["Work", 2],
      ["Branch 2", 1],
      ["Work", 2],
      ["Wait1", 2],
      ["Done", 0],
    ]);
  });

  it("draws each attempt and the backoff gap between them", () => {
    const work = model.rows[1].children[1].children[0];
    const attempts = work.bars.filter((b) => b.kind === "attempt");
    expect(attempts.map((b) => [b.start - T0, b.end - T0, b.status, b.error ?? null])).toEqual([
      [65, 300, "failed", "Lambda.TooManyRequestsException"],
      [2300, 2500, "succeeded", null],
    ]);
    const backoff = work.bars.find((b) => b.kind === "backoff")!;
    expect([backoff.start - T0, backoff.end - T0]).toEqual([300, 2300]);
    const state = work.bars.find((b) => b.kind === "state")!;
    expect([state.start - T0, state.end - T0]).toEqual([55, 2510]);
    expect(work.sublabel).toBe("Task · 2 attempts");
  });

  it("shows a wait as a wait bar", () => {
    const wait = model.rows[1].children[1].children[1];
    expect(wait.bars[0]).toMatchObject({ kind: "wait", status: "succeeded" });
    expect(wait.bars[0].end - wait.bars[0].start).toBe(3000);
  });

  it("runs open bars to `now` while the execution is running", () => {
    const running = prepareTimeline(
      events.filter((e) => e.id <= 16),
      { definition: fixture.definition, now: T0 + 4000 },
    );
    expect(running.end).toBe(T0 + 4000);
    const work = running.rows[1].children[1].children[0];
    expect(work.bars[0]).toMatchObject({ open: true, status: "in-progress", end: T0 + 4000 });
    expect(work.bars.filter((b) => b.kind === "attempt").at(-1)).toMatchObject({ open: true, end: T0 + 4000 });
  });
});

describe("layoutTimeline", () => {
  const model = prepareTimeline(events, { definition: fixture.definition });
  const base = { width: 1200, labelWidth: 200, rowHeight: 30, paddingRight: 0 };

  it("maps time linearly onto the plot area", () => {
    const layout = layoutTimeline(model, { ...base, collapsed: new Set() });
    expect(layout.xOf(model.start)).toBe(200);
    expect(layout.xOf(model.end)).toBeCloseTo(1200);
    expect(layout.scale).toBeCloseTo(1000 / 5570);
    const backoff = layout.bars.find((b) => b.bar.kind === "backoff")!;
    expect(backoff.x).toBeCloseTo(200 + 300 * layout.scale);
    expect(backoff.width).toBeCloseTo(2000 * layout.scale);
  });

  it("stacks visible rows and hides the children of collapsed rows", () => {
    const open = layoutTimeline(model, { ...base, collapsed: new Set() });
    expect(open.rows.map((r) => [r.row.label, r.y, r.depth])).toEqual([
      ["Prepare", 0, 0],
      ["Fan", 30, 0],
      ["Branch 1", 60, 1],
      ["Work", 90, 2],
      ["Branch 2", 120, 1],
      ["Work", 150, 2],
      ["Wait1", 180, 2],
      ["Done", 210, 0],
    ]);
    expect(open.height).toBe(240);
    const fanKey = model.rows[1].key;
    const closed = layoutTimeline(model, { ...base, collapsed: new Set([fanKey]) });
    expect(closed.rows.map((r) => r.row.label)).toEqual(["Prepare", "Fan", "Done"]);
    expect(closed.rows[1]).toMatchObject({ hasChildren: true, collapsed: true });
    expect(closed.bars.every((b) => closed.rows.some((r) => r.row === b.row))).toBe(true);
  });

  it("keeps zero-length bars visible and inside the plot", () => {
    const layout = layoutTimeline(model, { ...base, collapsed: new Set(), minBarWidth: 3 });
    for (const b of layout.bars) {
      expect(b.width).toBeGreaterThanOrEqual(3);
      expect(b.x + b.width).toBeLessThanOrEqual(1200.0001);
    }
  });

  it("puts bars of one row inside that row's band", () => {
    const layout = layoutTimeline(model, { ...base, collapsed: new Set() });
    for (const b of layout.bars) {
      const row = layout.rows.find((r) => r.row === b.row)!;
      expect(b.y).toBeGreaterThanOrEqual(row.y);
      expect(b.y + b.height).toBeLessThanOrEqual(row.y + 30);
    }
  });

  it("zooms into a window: clips bars at its edges and drops the rest", () => {
    const layout = layoutTimeline(model, { ...base, collapsed: new Set(), domain: { start: T0 + 1000, end: T0 + 3000 } });
    expect(layout.scale).toBeCloseTo(1000 / 2000);
    const byKey = (k: string) => layout.bars.find((b) => b.bar.key.endsWith(k) && b.row.label === "Work" && b.row.sublabel.includes("2"));
    const backoff = byKey(":b0")!;
    expect(backoff.x).toBe(200);
    expect(backoff.width).toBeCloseTo((2300 - 1000) * 0.5);
    expect(layout.bars.some((b) => b.row.label === "Prepare")).toBe(false);
    expect(layout.bars.some((b) => b.row.label === "Done")).toBe(false);
    expect(layout.ticks.map((t) => t.label)).toEqual([
      "+1 s",
      "+1.2 s",
      "+1.4 s",
      "+1.6 s",
      "+1.8 s",
      "+2 s",
      "+2.2 s",
      "+2.4 s",
      "+2.6 s",
      "+2.8 s",
      "+3 s",
    ]);
    expect(layout.ticks[0].x).toBe(200);
  });

  it("chooses nice tick steps", () => {
    expect(tickStep(5570, 10)).toBe(1000);
    expect(tickStep(5570, 4)).toBe(2000);
    expect(tickStep(90, 10)).toBe(10);
    expect(tickStep(3 * 86_400_000 * 30, 10)).toBe(86_400_000 * 16);
    const layout = layoutTimeline(model, { ...base, collapsed: new Set() });
    expect(layout.ticks.map((t) => t.label)).toEqual(["0", "+1 s", "+2 s", "+3 s", "+4 s", "+5 s"]);
  });
});

describe("prepareTimeline on recorded AWS histories", () => {
  it("every recorded history: one run row per entered state, bars inside the execution span", () => {
    for (const id of listHistoryIds()) {
      const h = loadHistory(id);
      const model = prepareTimeline(h.events, { definition: h.definition });
      const runRows = flatten(model.rows).length - countLanes(model.rows);
      expect(runRows, id).toBe(h.events.filter((e) => e.type.endsWith("StateEntered")).length);
      walk(model.rows, (row) => {
        for (const bar of row.bars) {
          expect(bar.start, `${id} ${bar.key}`).toBeGreaterThanOrEqual(model.start);
          expect(bar.end, `${id} ${bar.key}`).toBeLessThanOrEqual(model.end);
          expect(bar.end).toBeGreaterThanOrEqual(bar.start);
        }
      });
    }
  });

  it("Map iterations become lanes, Task retries become attempt bars", () => {
    const map = loadHistory("scenarios.test_base_scenarios.TestBaseScenarios.test_map_state_break_condition");
    const mapModel = prepareTimeline(map.events, { definition: map.definition });
    const mapRow = mapModel.rows.find((r) => r.label === "MapState")!;
    expect(mapRow.children.map((c) => [c.label, c.status])).toEqual([
      ["Iteration 0", "succeeded"],
      ["Iteration 1", "succeeded"],
      ["Iteration 2", "succeeded"],
      ["Iteration 3", "succeeded"],
      ["Iteration 4", "failed"],
    ]);
    expect(prepareTimeline(map.events, { definition: map.definition, collapseIterationsOver: 3 }).defaultCollapsed).toEqual([mapRow.key]);
    const retry = loadHistory("scenarios.test_base_scenarios.TestBaseScenarios.test_lambda_invoke_with_retry_extended_input");
    const row = prepareTimeline(retry.events).rows[0];
    expect(row.bars.filter((b) => b.kind === "attempt")).toHaveLength(4);
    expect(row.bars.filter((b) => b.kind === "backoff")).toHaveLength(3);
  });
});

function walk(rows: TimelineRow[], fn: (row: TimelineRow) => void): void {
  for (const r of rows) {
    fn(r);
    walk(r.children, fn);
  }
}

function countLanes(rows: TimelineRow[]): number {
  let n = 0;
  walk(rows, (r) => {
    if (r.kind === "lane") n++;
  });
  return n;
}
