import type { FailureGroups } from "@/lib/model/failures";
import { FailureGroupCard } from "./failure-group-card";
import type { RangePresetId } from "./range-presets";
import { RangeSelect } from "./range-select";
import "./failures.css";

interface Props {
  machines: { id: string; name: string }[];
  /** the filter as asked: state machine id, preset (null = explicit since/until) */
  filter: { stateMachine: string; preset: RangePresetId | null };
  data: FailureGroups;
}

/** /failures: failed and timed-out executions grouped by failing state, error and normalized cause. */
export function FailuresView({ machines, filter, data }: Props) {
  const range = { since: data.since, until: data.until };
  const total = data.groups.reduce((sum, g) => sum + g.count, 0);
  return (
    <div data-testid="failures-page">
      <h1>Failures</h1>
      <form className="filters" method="get" action="/failures" data-testid="failures-filters">
        <label>
          State machine
          <select name="stateMachine" defaultValue={filter.stateMachine} data-testid="failures-filter-machine">
            <option value="">All</option>
            {machines.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <RangeSelect preset={filter.preset} testId="failures-filter-range" />
        <button type="submit" className="primary">
          Apply
        </button>
      </form>
      <p className="muted" data-testid="failures-summary">
        {total} failed or timed-out executions in {data.groups.length} groups, {data.since.slice(0, 16).replace("T", " ")} to{" "}
        {data.until.slice(0, 16).replace("T", " ")} UTC. Ids, numbers, times, UUIDs and ARNs in causes are shown as placeholders.
      </p>
      {data.groups.length === 0 ? (
        <div className="empty" data-testid="failures-empty">
          No failed executions in this range.
        </div>
      ) : (
        <div className="failure-groups">
          {data.groups.map((group) => (
            <FailureGroupCard key={group.key} group={group} bucketStarts={data.bucketStarts} range={range} />
          ))}
        </div>
      )}
    </div>
  );
}
