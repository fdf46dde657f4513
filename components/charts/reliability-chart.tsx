"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, ChartFrame, tooltipProps } from "./chart-frame";
import { OUTCOME_COLORS } from "./chart-palette";
import type { OverTimeBucket } from "../../lib/over-time/prepare-over-time";

/** Task retries, caught errors and redrives per bucket. */
export function ReliabilityChart({ buckets, height }: { buckets: OverTimeBucket[]; height?: number }) {
  return (
    <ChartFrame title="Retries, caught errors, redrives" empty={buckets.length === 0} height={height} testId="chart-reliability">
      <BarChart data={buckets} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="label" {...axisProps} minTickGap={16} />
        <YAxis allowDecimals={false} {...axisProps} />
        <Tooltip {...tooltipProps} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="retries" name="Retries" fill={OUTCOME_COLORS.retries} isAnimationActive={false} />
        <Bar dataKey="caught" name="Caught" fill={OUTCOME_COLORS.caught} isAnimationActive={false} />
        <Bar dataKey="redrives" name="Redrives" fill={OUTCOME_COLORS.redrives} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
