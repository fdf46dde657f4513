"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, ChartFrame, tooltipProps } from "./chart-frame";
import { OUTCOME_COLORS } from "./chart-palette";
import type { OverTimeBucket } from "../../lib/over-time/prepare-over-time";

/** Executions per bucket stacked by outcome. */
export function ExecutionsChart({ buckets, height }: { buckets: OverTimeBucket[]; height?: number }) {
  return (
    <ChartFrame title="Executions" empty={buckets.every((b) => b.executions === 0)} height={height} testId="chart-executions">
      <BarChart data={buckets} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="label" {...axisProps} minTickGap={16} />
        <YAxis allowDecimals={false} {...axisProps} />
        <Tooltip {...tooltipProps} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="succeeded" name="Succeeded" stackId="s" fill={OUTCOME_COLORS.succeeded} isAnimationActive={false} />
        <Bar dataKey="failed" name="Failed" stackId="s" fill={OUTCOME_COLORS.failed} isAnimationActive={false} />
        <Bar dataKey="timedOut" name="Timed out" stackId="s" fill={OUTCOME_COLORS.timedOut} isAnimationActive={false} />
        <Bar dataKey="aborted" name="Aborted" stackId="s" fill={OUTCOME_COLORS.aborted} isAnimationActive={false} />
        <Bar dataKey="running" name="Running" stackId="s" fill={OUTCOME_COLORS.running} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
