"use client";

import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface TabItem {
  id: string;
  label: ReactNode;
  /** rendered only while the tab is active */
  render: () => ReactNode;
  disabled?: boolean;
}

export interface TabsProps {
  tabs: TabItem[];
  /** controlled active tab */
  active?: string;
  /** first active tab when uncontrolled */
  initial?: string;
  onChange?: (id: string) => void;
  testId?: string;
}

/** Which ends of a scrolling tab bar hide tabs (1 px of slack for subpixel widths). */
export function hiddenEnds(scrollLeft: number, clientWidth: number, scrollWidth: number): { before: boolean; after: boolean } {
  return { before: scrollLeft > 1, after: scrollLeft + clientWidth < scrollWidth - 1 };
}

/**
 * Accessible tabs (role=tablist, arrow keys, Home/End). When the bar is narrower than its tabs it
 * scrolls: the hidden side shows a fade and a ‹ / › button, and the active tab is scrolled into view.
 */
export function Tabs({ tabs, active, initial, onChange, testId }: TabsProps) {
  const [own, setOwn] = useState(initial ?? tabs.find((t) => !t.disabled)?.id ?? "");
  const current = active ?? own;
  const base = useId();
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const enabled = tabs.filter((t) => !t.disabled);
  const select = (id: string, focus = false) => {
    if (active === undefined) setOwn(id);
    onChange?.(id);
    if (focus) refs.current.get(id)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = enabled.findIndex((t) => t.id === current);
    let next: number | null = null;
    if (e.key === "ArrowRight") next = (i + 1) % enabled.length;
    else if (e.key === "ArrowLeft") next = (i - 1 + enabled.length) % enabled.length;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = enabled.length - 1;
    if (next === null) return;
    e.preventDefault();
    select(enabled[next].id, true);
  };
  const activeTab = tabs.find((t) => t.id === current);
  const bar = useRef<HTMLDivElement>(null);
  const [ends, setEnds] = useState({ before: false, after: false });
  const measure = useCallback(() => {
    const el = bar.current;
    if (!el) return;
    const next = hiddenEnds(el.scrollLeft, el.clientWidth, el.scrollWidth);
    setEnds((prev) => (prev.before === next.before && prev.after === next.after ? prev : next));
  }, []);
  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    measure();
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(measure);
    observer?.observe(el);
    return () => observer?.disconnect();
  }, [measure, tabs.length]);
  useEffect(() => {
    refs.current.get(current)?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [current]);
  const scrollBy = (direction: -1 | 1) =>
    bar.current?.scrollBy({ left: direction * Math.max(80, (bar.current.clientWidth * 2) / 3), behavior: "smooth" });
  return (
    <div className="sl-tabs" data-testid={testId}>
      <div className="sl-tabbar" data-hidden-before={ends.before || undefined} data-hidden-after={ends.after || undefined}>
        {ends.before && (
          <button
            type="button"
            className="sl-tab-scroll sl-tab-scroll-before"
            aria-label="Show earlier tabs"
            tabIndex={-1}
            onClick={() => scrollBy(-1)}
            data-testid={testId ? `${testId}-scroll-before` : undefined}
          >
            ‹
          </button>
        )}
        <div role="tablist" className="sl-tablist" onKeyDown={onKeyDown} ref={bar} onScroll={measure}>
          {tabs.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                if (el) refs.current.set(t.id, el);
                else refs.current.delete(t.id);
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${t.id}`}
              aria-selected={t.id === current}
              aria-controls={`${base}-panel-${t.id}`}
              tabIndex={t.id === current ? 0 : -1}
              disabled={t.disabled}
              className="sl-tab"
              data-testid={testId ? `${testId}-tab-${t.id}` : undefined}
              onClick={() => select(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {ends.after && (
          <button
            type="button"
            className="sl-tab-scroll sl-tab-scroll-after"
            aria-label="Show more tabs"
            tabIndex={-1}
            onClick={() => scrollBy(1)}
            data-testid={testId ? `${testId}-scroll-after` : undefined}
          >
            ›
          </button>
        )}
      </div>
      {activeTab ? (
        <div role="tabpanel" id={`${base}-panel-${activeTab.id}`} aria-labelledby={`${base}-tab-${activeTab.id}`} className="sl-tabpanel">
          {activeTab.render()}
        </div>
      ) : null}
    </div>
  );
}
