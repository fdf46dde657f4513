"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { DurationChart } from "../charts/duration-chart";
import { ExecutionsChart } from "../charts/executions-chart";
import { FlakiestStates } from "../charts/flakiest-states";
import type { OverTime } from "../../lib/over-time/prepare-over-time";
import { ReliabilityChart } from "../charts/reliability-chart";
import { SplitChart } from "../charts/split-chart";
import { StateVersionTable, type StateVersionMatrix } from "./state-version-table";

interface Props {
  machine: { id: string; name: string; arn: string; type: string; versions: { number: number; createdAt: string }[] };
  data: OverTime;
  matrix: StateVersionMatrix;
  range: string;
  granularity: "day" | "hour";
  state: string | null;
  totals: { executions: number; failed: number };
}

const RANGES = ["1d", "7d", "30d", "90d", "365d"];

/** Retries and failures over time for one state machine, optionally narrowed to one state. */
export function StateMachineOverTimeView({ machine, data, matrix, range, granularity, state, totals }: Props) {
  const router = useRouter();
  const search = useSearchParams();
  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search.toString());
    for (const [k, v] of Object.entries(changes))
      if (v === null) next.delete(k);
      else next.set(k, v);
    router.push(`/state-machines/${machine.id}?${next}`);
  };
  return (
    <div data-testid="state-machine-over-time">
      <p className="muted">
        <Link href="/state-machines">State machines</Link> / {machine.name}
      </p>
      <h1>
        {machine.name}{" "}
        <span className="muted" style={{ fontSize: 13, fontWeight: 400 }}>
          {machine.type} · {machine.versions.length} version{machine.versions.length === 1 ? "" : "s"}
        </span>
      </h1>
      <div className="filters">
        <label>
          Range
          <select value={range} onChange={(e) => go({ range: e.target.value })} data-testid="range">
            {RANGES.map((r) => (
              <option key={r} value={r}>
                last {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          Bucket
          <select value={granularity} onChange={(e) => go({ by: e.target.value })} data-testid="granularity">
            <option value="day">by day</option>
            <option value="hour">by hour (ranges up to 7d)</option>
          </select>
        </label>
        {state && (
          <span>
            State: <strong data-testid="selected-state">{state}</strong>{" "}
            <button type="button" onClick={() => go({ state: null })}>
              all states
            </button>
          </span>
        )}
        <Link className="button" href={`/executions?machine=${machine.id}`}>
          Executions →
        </Link>
      </div>
      <p className="muted">
        {totals.executions} executions in range, {totals.failed} failed, timed out or aborted.
      </p>
      <div className="sl-chart-grid">
        <ExecutionsChart buckets={data.buckets} />
        <ReliabilityChart buckets={data.buckets} />
        <DurationChart buckets={data.buckets} />
        <SplitChart title="Failures by error" series={data.byError} testId="chart-errors" />
        <SplitChart title="Executions by version" series={data.byVersion} testId="chart-versions" />
      </div>
      <h2>Flakiest states{state ? ` (${state})` : ""}</h2>
      <FlakiestStates states={data.flakiest} onSelectState={(name) => go({ state: name })} />
      <h2>Retries by state and version</h2>
      <StateVersionTable matrix={matrix} onSelectState={(name) => go({ state: name })} />
    </div>
  );
}
