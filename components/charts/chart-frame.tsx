"use client";

import type { ReactElement } from "react";
import { ResponsiveContainer } from "recharts";

/** Titled box with a responsive chart inside; an empty note when there is no data. */
export function ChartFrame({
  title,
  empty,
  height = 220,
  testId,
  children,
}: {
  title: string;
  empty: boolean;
  height?: number;
  testId?: string;
  children: ReactElement;
}) {
  return (
    <figure className="sl-chart" data-testid={testId}>
      <figcaption className="sl-chart-title">{title}</figcaption>
      {empty ? (
        <div className="sl-empty-note" style={{ height }}>
          No executions in this range
        </div>
      ) : (
        <div style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}

export const axisProps = { stroke: "var(--muted)", fontSize: 11, tickLine: false } as const;
export const tooltipProps = {
  contentStyle: { background: "var(--bg)", border: "1px solid var(--border)", borderRadius: 6, fontSize: 12, color: "var(--fg)" },
  cursor: { fill: "var(--border)", opacity: 0.35 },
} as const;
