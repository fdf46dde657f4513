import type { FlakyState } from "../../lib/over-time/prepare-over-time";

/** Ranking of the states that most often retried, failed or were caught. */
export function FlakiestStates({ states, onSelectState }: { states: FlakyState[]; onSelectState?: (stateName: string) => void }) {
  if (states.length === 0)
    return (
      <div className="sl-empty-note" data-testid="flakiest-states">
        No state retried or failed in this range.
      </div>
    );
  return (
    <table className="sl-table" data-testid="flakiest-states">
      <thead>
        <tr>
          <th>State</th>
          <th>Flaky runs</th>
          <th>Runs</th>
          <th>Retried</th>
          <th>Failed</th>
          <th>Caught</th>
          <th>Retries</th>
          <th>Top error</th>
        </tr>
      </thead>
      <tbody>
        {states.map((s) => (
          <tr key={s.stateName} data-testid={`flaky-state-${s.stateName}`}>
            <td>
              {onSelectState ? (
                <button type="button" className="sl-link" onClick={() => onSelectState(s.stateName)}>
                  {s.stateName}
                </button>
              ) : (
                s.stateName
              )}
            </td>
            <td>
              <span className="sl-meter" aria-hidden>
                <span style={{ width: `${Math.round(s.flakyRate * 100)}%` }} />
              </span>
              {Math.round(s.flakyRate * 1000) / 10}%
            </td>
            <td>{s.runs}</td>
            <td>{s.retriedRuns}</td>
            <td>{s.failedRuns}</td>
            <td>{s.caughtRuns}</td>
            <td>{s.retries}</td>
            <td className="mono">{s.topError ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
