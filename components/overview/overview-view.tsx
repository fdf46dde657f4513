import Link from "next/link";
import type { FailureGroup } from "@/lib/model/failures";
import type { MachineOverview, RunningExecution } from "@/lib/model/failures";
import { formatTime } from "../executions/format";
import type { RangePresetId } from "../failures/range-presets";
import { RangeSelect } from "../failures/range-select";
import { formatDuration } from "../ui/format-duration";
import { countChange, durationChange, formatRate, rateChange, type Change } from "./describe-change";
import "./overview.css";

/** Machines listed before "show all": a store of hundreds of machines is otherwise one long table. */
const SHOWN_MACHINES = 15;

interface Props {
  /** list every machine, not just the busiest SHOWN_MACHINES */
  allMachines: boolean;
  preset: RangePresetId | null;
  range: { since: string; until: string };
  machines: MachineOverview[];
  topGroups: FailureGroup[];
  running: { total: number; rows: RunningExecution[] };
}

function Delta({ change, testId }: { change: Change; testId?: string }) {
  return (
    <span className={`overview-delta overview-delta-${change.tone}`} data-testid={testId} title="against the range before">
      {change.text}
    </span>
  );
}

/** The home page: how each state machine did in the range against the range before, what fails most, what runs now. */
export function OverviewView({ allMachines, preset, range, machines, topGroups, running }: Props) {
  const rangeQuery = preset ? `range=${preset}` : new URLSearchParams(range).toString();
  const shown = allMachines ? machines : machines.slice(0, SHOWN_MACHINES);
  return (
    <div data-testid="overview-page">
      <h1>Overview</h1>
      <form className="filters" method="get" action="/">
        <RangeSelect preset={preset} testId="overview-range" />
        <button type="submit" className="primary">
          Apply
        </button>
        <span className="muted">
          {formatTime(range.since)} to {formatTime(range.until)}; changes are against the {preset ? "same length" : "range"} before.
        </span>
      </form>
      <h2>State machines</h2>
      {machines.length === 0 ? (
        <div className="empty">No executions in this range or the one before.</div>
      ) : (
        <table className="grid overview-machines" data-testid="overview-machines">
          <thead>
            <tr>
              <th>State machine</th>
              <th>Executions</th>
              <th>Failure rate</th>
              <th>p95 duration</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((m) => (
              <tr key={m.id} data-testid="overview-machine">
                <td className="wrap-anywhere">
                  <Link href={`/state-machines/${encodeURIComponent(m.id)}`}>{m.name}</Link>
                </td>
                <td>
                  <Link href={`/executions?machine=${encodeURIComponent(m.id)}`} data-testid="overview-executions">
                    {m.current.executions}
                  </Link>{" "}
                  <Delta change={countChange(m.current.executions, m.previous.executions)} />
                </td>
                <td>
                  <Link href={`/failures?stateMachine=${encodeURIComponent(m.id)}&${rangeQuery}`} data-testid="overview-failure-rate">
                    {formatRate(m.current.failureRate)}
                  </Link>{" "}
                  <Delta change={rateChange(m.current.failureRate, m.previous.failureRate)} testId="overview-failure-delta" />
                </td>
                <td>
                  <span data-testid="overview-p95">{formatDuration(m.current.p95DurationMs)}</span>{" "}
                  <Delta change={durationChange(m.current.p95DurationMs, m.previous.p95DurationMs)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown.length < machines.length && (
        <p>
          <Link href={`/?${rangeQuery}&all=1`} data-testid="overview-all-machines">
            all {machines.length} state machines →
          </Link>
        </p>
      )}
      <h2>
        Top failure groups <Link href={`/failures?${rangeQuery}`}>all failures →</Link>
      </h2>
      {topGroups.length === 0 ? (
        <div className="empty">No failed executions in this range.</div>
      ) : (
        <ol className="overview-groups" data-testid="overview-groups">
          {topGroups.map((g) => (
            <li key={g.key} data-testid="overview-group">
              <strong>{g.count}</strong> <span className="muted">{g.stateMachine.name} ›</span> {g.state ?? "(execution level)"}{" "}
              <span className="mono failure-group-error">{g.error ?? "(no error name)"}</span>
              {g.cause && <div className="mono muted overview-cause">{g.cause}</div>}
            </li>
          ))}
        </ol>
      )}
      <h2>Running now ({running.total})</h2>
      {running.rows.length === 0 ? (
        <div className="empty" data-testid="overview-running-empty">
          Nothing is running.
        </div>
      ) : (
        <ul className="overview-running" data-testid="overview-running">
          {running.rows.map((r) => (
            <li key={r.id}>
              <Link href={`/executions/${encodeURIComponent(r.id)}`} className="wrap-anywhere">
                {r.name}
              </Link>{" "}
              <span className="muted">
                {r.stateMachine}, since {formatTime(r.startDate)}
              </span>
            </li>
          ))}
          {running.total > running.rows.length && (
            <li>
              <Link href="/executions?status=RUNNING">all {running.total} running →</Link>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
