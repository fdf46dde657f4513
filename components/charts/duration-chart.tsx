"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatDuration } from "../ui/format-duration";
import { axisProps, ChartFrame, tooltipProps } from "./chart-frame";
import { OUTCOME_COLORS } from "./chart-palette";
import type { OverTimeBucket } from "../../lib/over-time/prepare-over-time";

/** p50 and p95 execution duration per bucket. */
export function DurationChart({ buckets, height }: { buckets: OverTimeBucket[]; height?: number }) {
  return (
    <ChartFrame title="Duration (p50 / p95)" empty={buckets.every((b) => b.p50 === null)} height={height} testId="chart-duration">
      <LineChart data={buckets} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="label" {...axisProps} minTickGap={16} />
        <YAxis {...axisProps} tickFormatter={(v: number) => formatDuration(v)} width={64} />
        <Tooltip {...tooltipProps} formatter={(v) => formatDuration(typeof v === "number" ? v : null)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line type="monotone" dataKey="p50" name="p50" stroke={OUTCOME_COLORS.p50} dot={false} connectNulls isAnimationActive={false} />
        <Line type="monotone" dataKey="p95" name="p95" stroke={OUTCOME_COLORS.p95} dot={false} connectNulls isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
}
