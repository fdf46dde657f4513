import { describe, expect, it } from "vitest";
import { initialViewport, MIN_READABLE_ZOOM, MIN_TEXT_PX, SMALLEST_GRAPH_TEXT_PX } from "./initial-viewport";

describe("initialViewport", () => {
  it("fits a small graph, centred, never above 1.1x", () => {
    expect(initialViewport({ width: 200, height: 100 }, { width: 800, height: 500 })).toEqual({ x: 290, y: 195, zoom: 1.1 });
  });

  it("never shrinks text below 11 px: a tall graph opens at its top at the readable zoom", () => {
    const view = initialViewport({ width: 300, height: 3000 }, { width: 800, height: 520 });
    expect(view.zoom).toBe(MIN_READABLE_ZOOM);
    expect(SMALLEST_GRAPH_TEXT_PX * view.zoom).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    expect(view.y).toBe(16);
    expect(view.x).toBe((800 - 300) / 2);
  });

  it("centres on the focused state when the graph does not fit", () => {
    const view = initialViewport({ width: 2000, height: 3000 }, { width: 800, height: 520 }, { x: 1000, y: 2000, width: 100, height: 40 });
    expect(view.x).toBe(400 - 1050 * view.zoom);
    expect(view.y).toBe(260 - 2020 * view.zoom);
  });
});
