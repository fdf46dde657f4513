"use client";

import { useMemo } from "react";
import type { ExecutionRow, StateRunRow } from "../../lib/model/execution";
import { DurationChart } from "./duration-chart";
import { ExecutionsChart } from "./executions-chart";
import { FlakiestStates } from "./flakiest-states";
import { prepareOverTime, type OverTimeOptions } from "../../lib/over-time/prepare-over-time";
import { ReliabilityChart } from "./reliability-chart";
import { SplitChart } from "./split-chart";

export interface OverTimeDashboardProps {
  executions: ExecutionRow[];
  stateRuns: StateRunRow[];
  options?: OverTimeOptions;
  onSelectState?: (stateName: string) => void;
}

/** The over-time charts of a state machine in one grid. */
export function OverTimeDashboard({ executions, stateRuns, options, onSelectState }: OverTimeDashboardProps) {
  const data = useMemo(() => prepareOverTime(executions, stateRuns, options), [executions, stateRuns, options]);
  return (
    <div className="sl-charts" data-testid="over-time-dashboard">
      <div className="sl-chart-grid">
        <ExecutionsChart buckets={data.buckets} />
        <DurationChart buckets={data.buckets} />
        <SplitChart title="Failures by error" series={data.byError} testId="chart-errors" />
        <SplitChart title="Executions by version" series={data.byVersion} testId="chart-versions" />
        <ReliabilityChart buckets={data.buckets} />
      </div>
      <h4 className="sl-chart-title">Flakiest states</h4>
      <FlakiestStates states={data.flakiest} onSelectState={onSelectState} />
    </div>
  );
}
