"use client";

import { Area, AreaChart, Tooltip, YAxis } from "recharts";
import { tooltipProps } from "../charts/chart-frame";
import { OUTCOME_COLORS } from "../charts/chart-palette";
import { formatTime } from "../executions/format";

/** A group's executions per bucket of the range, as a small area chart (hover for the counts). */
export function FailureSparkline({ series, bucketStarts }: { series: number[]; bucketStarts: string[] }) {
  const data = series.map((count, i) => ({ count, from: formatTime(bucketStarts[i]) }));
  return (
    <div className="failure-sparkline" data-testid="failure-sparkline" aria-label={`executions over the range: ${series.join(", ")}`}>
      <AreaChart width={160} height={36} data={data} margin={{ top: 2, right: 0, bottom: 2, left: 0 }}>
        <YAxis hide allowDecimals={false} domain={[0, "dataMax"]} />
        <Tooltip {...tooltipProps} labelFormatter={(_, items) => String(items?.[0]?.payload?.from ?? "")} />
        <Area
          dataKey="count"
          name="Executions"
          type="monotone"
          stroke={OUTCOME_COLORS.failed}
          fill={OUTCOME_COLORS.failed}
          fillOpacity={0.25}
          isAnimationActive={false}
        />
      </AreaChart>
    </div>
  );
}
