"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { EventDto } from "../../lib/model/execution";
import type { PreparedRuns } from "../../lib/history/state-run-types";
import { formatClock, formatDuration } from "../ui/format-duration";
import { statusLabel, toneOf } from "../ui/status-tone";
import { layoutTimeline, type PlacedBar } from "./layout-timeline";
import { prepareTimeline } from "./prepare-timeline";

export interface TimelineSelection {
  runKey: string;
  statePath: string;
  stateName: string;
}

export interface ExecutionTimelineProps {
  events: EventDto[];
  definition?: string | Record<string, unknown> | null;
  prepared?: PreparedRuns;
  /** ms since epoch taken as "now" for states still running (default: last event time) */
  now?: number;
  selectedRunKey?: string | null;
  onSelectState?: (selection: TimelineSelection) => void;
  /** height of the scrolling area in px */
  height?: number;
}

const ROW = 30;
const LABEL = 260;
const AXIS = 26;
const TOOLS = 31;

/** Gantt view of the state runs: attempts, backoff gaps and waits visible; lanes collapsible. */
export function ExecutionTimeline({
  events,
  definition,
  prepared,
  now,
  selectedRunKey,
  onSelectState,
  height = 420,
}: ExecutionTimelineProps) {
  const model = useMemo(() => prepareTimeline(events, { definition, prepared, now }), [events, definition, prepared, now]);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set(model.defaultCollapsed));
  const [modelShown, setModelShown] = useState(model);
  const [zoom, setZoom] = useState<{ start: number; end: number } | null>(null);
  if (modelShown !== model) {
    setModelShown(model);
    setCollapsed(new Set(model.defaultCollapsed));
    setZoom(null);
  }
  const [width, setWidth] = useState(1000);
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<{ bar: PlacedBar; x: number; y: number } | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(480, Math.floor(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const layout = useMemo(
    () => layoutTimeline(model, { width, labelWidth: LABEL, rowHeight: ROW, collapsed, domain: zoom ?? undefined }),
    [model, width, collapsed, zoom],
  );
  const zoomTo = (start: number, end: number) => {
    const pad = Math.max(1, (end - start) * 0.05);
    const next = { start: Math.max(model.start, start - pad), end: Math.min(model.end, end + pad) };
    setZoom(next.end - next.start >= model.end - model.start ? null : next);
  };
  const zoomBy = (factor: number) => {
    const current = zoom ?? { start: model.start, end: model.end };
    const middle = (current.start + current.end) / 2;
    const half = ((current.end - current.start) * factor) / 2;
    zoomTo(middle - half, middle + half);
  };
  const first = Math.max(0, Math.floor(scrollTop / ROW) - 5);
  const last = Math.min(layout.rows.length, Math.ceil((scrollTop + height) / ROW) + 5);
  const rows = layout.rows.slice(first, last);
  const visibleKeys = new Set(rows.map((r) => r.row.key));
  const bars = layout.bars.filter((b) => visibleKeys.has(b.row.key));

  const toggle = (key: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const choose = (row: PlacedBar["row"]) => {
    if (row.runKey && row.statePath && row.stateName)
      onSelectState?.({ runKey: row.runKey, statePath: row.statePath, stateName: row.stateName });
  };

  if (model.rows.length === 0)
    return (
      <div className="sl-empty-note" data-testid="execution-timeline">
        No states ran.
      </div>
    );
  return (
    <div className="sl-timeline" ref={box} data-testid="execution-timeline" data-zoomed={zoom !== null}>
      <div className="sl-timeline-tools">
        <button type="button" className="sl-btn sl-btn-small" onClick={() => zoomBy(0.5)} aria-label="Zoom in">
          +
        </button>
        <button type="button" className="sl-btn sl-btn-small" onClick={() => zoomBy(2)} aria-label="Zoom out" disabled={!zoom}>
          −
        </button>
        {zoom ? (
          <button type="button" className="sl-btn sl-btn-small" onClick={() => setZoom(null)}>
            Reset zoom
          </button>
        ) : null}
        <span className="sl-muted sl-small">Double-click a bar to zoom to it</span>
      </div>
      <svg className="sl-timeline-axis" width={width} height={AXIS} aria-hidden>
        {layout.ticks.map((t) => (
          <g key={t.offsetMs}>
            <line x1={t.x} x2={t.x} y1={AXIS - 6} y2={AXIS} className="sl-tick" />
            <text x={t.x + 3} y={AXIS - 9} className="sl-tick-label">
              {t.label}
            </text>
          </g>
        ))}
        <text x={8} y={AXIS - 9} className="sl-tick-label">
          {formatClock(model.start)} UTC · {formatDuration(model.end - model.start)}
        </text>
      </svg>
      <div
        className="sl-timeline-scroll"
        style={{ height: Math.min(height, layout.height + 2) }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <svg width={width} height={layout.height} role="list" aria-label="Timeline">
          {layout.ticks.map((t) => (
            <line key={t.offsetMs} x1={t.x} x2={t.x} y1={0} y2={layout.height} className="sl-gridline" />
          ))}
          {rows.map(({ row, depth, y, hasChildren, collapsed: isCollapsed }) => (
            <g
              key={row.key}
              role="listitem"
              className={`sl-trow${row.kind === "lane" ? " sl-trow-lane" : ""}${row.runKey && row.runKey === selectedRunKey ? " sl-selected" : ""}`}
              data-testid={`timeline-row-${row.key}`}
              data-status={row.status}
            >
              <rect x={0} y={y} width={width} height={ROW} className="sl-trow-bg" onClick={() => choose(row)} />
              {hasChildren ? (
                <text
                  x={8 + depth * 14}
                  y={y + ROW / 2}
                  className="sl-trow-toggle"
                  dominantBaseline="central"
                  role="button"
                  tabIndex={0}
                  aria-label={isCollapsed ? `Expand ${row.label}` : `Collapse ${row.label}`}
                  aria-expanded={!isCollapsed}
                  onClick={() => toggle(row.key)}
                  onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), toggle(row.key))}
                >
                  {isCollapsed ? "▸" : "▾"}
                </text>
              ) : null}
              <circle cx={26 + depth * 14} cy={y + ROW / 2} r={4} className={`sl-fill-${toneOf(row.status)}`} />
              <text x={36 + depth * 14} y={y + ROW / 2} dominantBaseline="central" className="sl-trow-label" onClick={() => choose(row)}>
                <tspan>{clip(row.label, 30 - depth * 2)}</tspan>
                <tspan className="sl-trow-sublabel" dx={6}>
                  {clip(row.sublabel, 34 - depth * 2 - Math.min(row.label.length, 30))}
                </tspan>
              </text>
            </g>
          ))}
          {bars.map((b) => (
            <rect
              key={b.bar.key}
              x={b.x}
              y={b.y}
              width={b.width}
              height={b.height}
              rx={b.bar.kind === "backoff" ? 0 : 3}
              className={`sl-tbar sl-tbar-${b.bar.kind} sl-fill-${b.bar.kind === "backoff" ? "muted" : toneOf(b.bar.status)}${b.bar.open ? " sl-tbar-open" : ""}`}
              data-testid={`timeline-bar-${b.bar.key}`}
              data-kind={b.bar.kind}
              data-status={b.bar.status}
              onMouseEnter={() => setHover({ bar: b, x: Math.min(b.x, width - 280), y: b.y - scrollTop })}
              onMouseLeave={() => setHover(null)}
              onClick={() => choose(b.row)}
              onDoubleClick={() => zoomTo(b.bar.start, b.bar.end)}
            />
          ))}
        </svg>
      </div>
      {hover ? <BarTooltip placed={hover.bar} x={hover.x} y={hover.y + AXIS + TOOLS} start={model.start} /> : null}
    </div>
  );
}

function BarTooltip({ placed, x, y, start }: { placed: PlacedBar; x: number; y: number; start: number }) {
  const { bar, row } = placed;
  return (
    <div className="sl-tooltip" style={{ left: Math.max(0, x), top: y + placed.height + 6 }} role="tooltip" data-testid="timeline-tooltip">
      <div className="sl-tooltip-title">
        {row.label} — {bar.kind === "state" || bar.kind === "wait" || bar.kind === "lane" ? statusLabel(bar.status) : bar.label}
      </div>
      <div>
        {formatClock(bar.start)} → {bar.open ? "running" : formatClock(bar.end)}{" "}
        <span className="sl-muted">(+{formatDuration(bar.start - start)})</span>
      </div>
      <div>
        Duration {formatDuration(bar.end - bar.start)}
        {bar.open ? " so far" : ""}
      </div>
      {bar.error ? <div className="sl-tooltip-error">{bar.error}</div> : null}
    </div>
  );
}

function clip(text: string, max: number): string {
  const n = Math.max(4, max);
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
