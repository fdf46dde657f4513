"use client";

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { detailsOf } from "../../lib/asl/history/types";
import { parseTime, type EventDto } from "../../lib/model/execution";
import { JsonViewer } from "../json/json-viewer";
import { formatClock, formatDuration } from "../ui/format-duration";
import { rowOffsets, scrollToReveal, visibleRange } from "./compute-window";
import { filterEvents } from "./filter-events";
import { prepareStateRuns } from "./prepare-state-runs";
import type { PreparedRuns } from "../../lib/history/state-run-types";
import { summarizeEvent } from "./summarize-event";

export interface EventTableProps {
  events: EventDto[];
  prepared?: PreparedRuns;
  /** ASL text or object; used to key states by path when `prepared` is not given */
  definition?: string | Record<string, unknown> | null;
  /** px height of the scrolling list */
  height?: number;
  /** start filtered to this state name */
  initialState?: string | null;
  /** called when a row that belongs to a state is opened (Enter or click) */
  onSelectState?: (selection: { runKey: string; statePath: string; stateName: string }) => void;
}

const ROW = 30;
const DETAILS = 280;

/**
 * The raw history: virtualized (only the rows in view are in the DOM, fine for 25,000 events),
 * filter by type, state and text, details expandable, keyboard navigation (up/down/Home/End,
 * Enter to expand).
 */
export function EventTable({ events, prepared: given, definition, height = 480, initialState = null, onSelectState }: EventTableProps) {
  const prepared = useMemo(() => given ?? prepareStateRuns(events, definition ?? null), [given, events, definition]);
  const [type, setType] = useState("");
  const [state, setState] = useState<string>(initialState ?? "");
  const [text, setText] = useState("");
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [active, setActive] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  const stateOf = useMemo(() => {
    return (id: number) => {
      const key = prepared.runKeyOfEvent.get(id);
      return key ? prepared.runByKey.get(key)!.stateName : null;
    };
  }, [prepared]);
  const typeCounts = useMemo(() => countBy(events.map((e) => e.type)), [events]);
  const stateNames = useMemo(() => [...new Set(prepared.runs.map((r) => r.stateName))].sort(), [prepared]);
  const rows = useMemo(
    () => filterEvents(events, { types: type ? new Set([type]) : undefined, stateName: state || null, text }, stateOf),
    [events, type, state, text, stateOf],
  );
  const [rowsShown, setRowsShown] = useState(rows);
  if (rowsShown !== rows) {
    // new filter: back to the top
    setRowsShown(rows);
    setActive(0);
  }
  const offsets = useMemo(() => rowOffsets(rows.length, ROW, (i) => (expanded.has(rows[i].id) ? DETAILS : 0)), [rows, expanded]);
  const { start, end } = visibleRange(offsets, scrollTop, height);
  const startTime = prepared.execution.startedAt ?? parseTime(events[0]?.timestamp);
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));

  const revealed = useRef(false);
  useEffect(() => {
    const el = scroller.current;
    // on mount the list is at the top with row 0 active: nothing to reveal, and reading scrollTop
    // would force the browser to lay out the whole page before it has painted once
    if (!revealed.current) {
      revealed.current = true;
      return;
    }
    if (!el || rows.length === 0) return;
    const next = scrollToReveal(offsets, activeIndex, el.scrollTop, height);
    if (next !== el.scrollTop) el.scrollTop = next;
  }, [activeIndex, offsets, height, rows.length]);

  const toggle = (id: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const open = (index: number) => {
    const event = rows[index];
    if (!event) return;
    setActive(index);
    toggle(event.id);
    const runKey = prepared.runKeyOfEvent.get(event.id);
    const run = runKey ? prepared.runByKey.get(runKey) : undefined;
    if (run) onSelectState?.({ runKey: run.key, statePath: run.statePath, stateName: run.stateName });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const move = (to: number) => {
      e.preventDefault();
      setActive(Math.max(0, Math.min(rows.length - 1, to)));
    };
    if (e.key === "ArrowDown") move(activeIndex + 1);
    else if (e.key === "ArrowUp") move(activeIndex - 1);
    else if (e.key === "PageDown") move(activeIndex + Math.floor(height / ROW));
    else if (e.key === "PageUp") move(activeIndex - Math.floor(height / ROW));
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(rows.length - 1);
    else if (e.key === "Enter") {
      e.preventDefault();
      open(activeIndex);
    }
  };

  return (
    <div className="sl-events" data-testid="event-table">
      <div className="sl-events-filters">
        <label>
          Type
          <select value={type} onChange={(e) => setType(e.target.value)} data-testid="event-filter-type">
            <option value="">All types</option>
            {[...typeCounts.entries()].sort().map(([t, n]) => (
              <option key={t} value={t}>
                {t} ({n})
              </option>
            ))}
          </select>
        </label>
        <label>
          State
          <select value={state} onChange={(e) => setState(e.target.value)} data-testid="event-filter-state">
            <option value="">All states</option>
            {stateNames.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Find
          <input
            type="search"
            value={text}
            placeholder="text in details"
            onChange={(e) => setText(e.target.value)}
            data-testid="event-filter-text"
          />
        </label>
        <span className="sl-muted sl-small" data-testid="event-count">
          {rows.length === events.length ? `${events.length} events` : `${rows.length} of ${events.length} events`}
        </span>
      </div>
      <div className="sl-events-head" role="presentation">
        <span>ID</span>
        <span>Prev</span>
        <span>Time</span>
        <span>Type</span>
        <span>State</span>
        <span>Details</span>
      </div>
      <div
        ref={scroller}
        className="sl-events-scroll"
        style={{ height }}
        role="grid"
        aria-rowcount={rows.length}
        aria-activedescendant={rows[activeIndex] ? `event-row-${rows[activeIndex].id}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: offsets[rows.length], position: "relative" }}>
          {rows.slice(start, end).map((event, i) => {
            const index = start + i;
            const isOpen = expanded.has(event.id);
            const t = parseTime(event.timestamp);
            return (
              <div
                key={event.id}
                id={`event-row-${event.id}`}
                role="row"
                aria-rowindex={index + 1}
                aria-expanded={isOpen}
                aria-selected={index === activeIndex}
                data-testid={`event-row-${event.id}`}
                className={`sl-event${index === activeIndex ? " sl-active" : ""}${/Failed|TimedOut|Aborted/.test(event.type) ? " sl-event-bad" : ""}`}
                style={{ top: offsets[index], height: offsets[index + 1] - offsets[index] }}
              >
                <div className="sl-event-line" onClick={() => open(index)}>
                  <span role="gridcell" className="mono">
                    {event.id}
                  </span>
                  <span role="gridcell" className="mono sl-muted">
                    {event.previousEventId}
                  </span>
                  <span role="gridcell" className="mono" title={event.timestamp}>
                    {t !== null && startTime !== null ? `+${formatDuration(t - startTime)}` : "–"}{" "}
                    <span className="sl-muted">{formatClock(t)}</span>
                  </span>
                  <span role="gridcell">{event.type}</span>
                  <span role="gridcell">{stateOf(event.id) ?? ""}</span>
                  <span role="gridcell" className="sl-muted sl-ellipsis">
                    {summarizeEvent(event)}
                  </span>
                </div>
                {isOpen ? (
                  <div className="sl-event-details" style={{ height: DETAILS - 8 }} onKeyDown={(e) => e.stopPropagation()}>
                    <JsonViewer value={detailsOf(event) ?? {}} testId={`event-details-${event.id}`} />
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function countBy(items: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const item of items) m.set(item, (m.get(item) ?? 0) + 1);
  return m;
}
