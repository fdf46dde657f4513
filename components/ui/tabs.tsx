"use client";

import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

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

/** Accessible tabs (role=tablist, arrow keys, Home/End). */
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
  return (
    <div className="sl-tabs" data-testid={testId}>
      <div role="tablist" className="sl-tablist" onKeyDown={onKeyDown}>
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
      {activeTab ? (
        <div role="tabpanel" id={`${base}-panel-${activeTab.id}`} aria-labelledby={`${base}-tab-${activeTab.id}`} className="sl-tabpanel">
          {activeTab.render()}
        </div>
      ) : null}
    </div>
  );
}
