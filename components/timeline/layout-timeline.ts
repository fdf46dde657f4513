import { formatDuration } from "../ui/format-duration";
import type { TimelineBar, TimelineModel, TimelineRow } from "./prepare-timeline";

export interface LayoutOptions {
  /** total SVG width in px */
  width: number;
  /** px reserved on the left for row labels */
  labelWidth: number;
  rowHeight: number;
  /** row keys whose children are hidden */
  collapsed: ReadonlySet<string>;
  /** bars narrower than this are widened so they stay visible and clickable */
  minBarWidth?: number;
  paddingRight?: number;
  /** zoomed time window; bars outside it are dropped, bars across its edges clipped */
  domain?: { start: number; end: number };
}

export interface PlacedRow {
  row: TimelineRow;
  depth: number;
  index: number;
  y: number;
  hasChildren: boolean;
  collapsed: boolean;
}

export interface PlacedBar {
  bar: TimelineBar;
  row: TimelineRow;
  x: number;
  width: number;
  y: number;
  height: number;
}

export interface Tick {
  x: number;
  /** offset from the start of the execution, e.g. "+1.5 s" */
  label: string;
  offsetMs: number;
}

export interface TimelineLayout {
  rows: PlacedRow[];
  bars: PlacedBar[];
  ticks: Tick[];
  height: number;
  /** px per ms */
  scale: number;
  /** x of a time */
  xOf: (t: number) => number;
}

const STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** Smallest "nice" step that keeps the number of ticks at or under `maxTicks`. */
export function tickStep(spanMs: number, maxTicks: number): number {
  for (const step of STEPS) if (spanMs / step <= maxTicks) return step;
  let step = STEPS.at(-1)!;
  while (spanMs / step > maxTicks) step *= 2;
  return step;
}

/** Positions visible rows (depth-first, skipping collapsed subtrees), their bars and the ticks. */
export function layoutTimeline(model: TimelineModel, options: LayoutOptions): TimelineLayout {
  const { width, labelWidth, rowHeight, collapsed } = options;
  const minBar = options.minBarWidth ?? 2;
  const plotWidth = Math.max(1, width - labelWidth - (options.paddingRight ?? 12));
  const from = options.domain?.start ?? model.start;
  const to = options.domain?.end ?? model.end;
  const span = Math.max(1, to - from);
  const scale = plotWidth / span;
  const xOf = (t: number) => labelWidth + (t - from) * scale;
  const plotEnd = labelWidth + plotWidth;
  const rows: PlacedRow[] = [];
  const bars: PlacedBar[] = [];

  const visit = (row: TimelineRow, depth: number) => {
    const index = rows.length;
    const y = index * rowHeight;
    const isCollapsed = collapsed.has(row.key);
    rows.push({ row, depth, index, y, hasChildren: row.children.length > 0, collapsed: isCollapsed });
    for (const bar of row.bars) {
      const thin = bar.kind === "attempt" || bar.kind === "backoff";
      const height = thin ? Math.round(rowHeight * 0.28) : Math.round(rowHeight * 0.5);
      const top = thin ? y + rowHeight - height - 3 : y + Math.round(rowHeight * 0.12);
      if (bar.end < from || bar.start > to) continue;
      let x = Math.max(labelWidth, xOf(bar.start));
      let w = Math.min(plotEnd, xOf(bar.end)) - x;
      if (w < minBar) {
        x = Math.min(x, plotEnd - minBar);
        w = minBar;
      }
      bars.push({ bar, row, x, width: w, y: top, height });
    }
    if (!isCollapsed) for (const child of row.children) visit(child, depth + 1);
  };
  for (const row of model.rows) visit(row, 0);

  const step = tickStep(span, Math.max(2, Math.floor(plotWidth / 90)));
  const ticks: Tick[] = [];
  // ticks count from the start of the execution, also when zoomed
  for (let offset = Math.ceil((from - model.start) / step) * step; model.start + offset <= to; offset += step) {
    ticks.push({ x: xOf(model.start + offset), label: offset === 0 ? "0" : `+${formatDuration(offset)}`, offsetMs: offset });
  }
  return { rows, bars, ticks, height: rows.length * rowHeight, scale, xOf };
}
