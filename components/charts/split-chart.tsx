"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, ChartFrame, tooltipProps } from "./chart-frame";
import { splitColor } from "./chart-palette";
import type { SplitSeries } from "../../lib/over-time/prepare-over-time";

/** Stacked bars of a split series: failures by error name, executions by version. */
export function SplitChart({ title, series, height, testId }: { title: string; series: SplitSeries; height?: number; testId?: string }) {
  return (
    <ChartFrame title={title} empty={series.keys.length === 0} height={height} testId={testId}>
      <BarChart data={series.rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="label" {...axisProps} minTickGap={16} />
        <YAxis allowDecimals={false} {...axisProps} />
        <Tooltip {...tooltipProps} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.keys.map((key, i) => (
          <Bar key={key} dataKey={key} name={key} stackId="s" fill={splitColor(key, i)} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
