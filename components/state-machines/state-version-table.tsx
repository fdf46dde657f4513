export interface StateVersionMatrix {
  versions: { id: string; number: number }[];
  states: {
    stateName: string;
    cells: { version: number | null; runs: number; retriedRuns: number; retries: number; failed: number; caught: number }[];
    retriesJumpedIn: number | null;
  }[];
}

function pct(n: number, d: number): string {
  return d ? `${Math.round((n / d) * 1000) / 10}%` : "—";
}

/**
 * Retried-run rate per state and definition version: answers "which state retries most, and
 * since which version". States are ordered by retries + failures + catches.
 */
export function StateVersionTable({ matrix, onSelectState }: { matrix: StateVersionMatrix; onSelectState?: (name: string) => void }) {
  const flaky = matrix.states.filter((s) => s.cells.some((c) => c.retries || c.failed || c.caught));
  if (!flaky.length) return <div className="empty">No state retried, failed or was caught in this range.</div>;
  const versions = matrix.versions.map((v) => v.number);
  return (
    <table className="grid" data-testid="state-version-table">
      <thead>
        <tr>
          <th>State</th>
          {versions.map((v) => (
            <th key={v}>v{v}: retried runs</th>
          ))}
          <th>Retries rose in</th>
        </tr>
      </thead>
      <tbody>
        {flaky.map((s) => (
          <tr key={s.stateName} data-testid={`state-version-row-${s.stateName}`}>
            <td>
              {onSelectState ? (
                <button type="button" className="sl-link" onClick={() => onSelectState(s.stateName)}>
                  {s.stateName}
                </button>
              ) : (
                s.stateName
              )}
            </td>
            {versions.map((v) => {
              const c = s.cells.find((x) => x.version === v);
              return (
                <td key={v} title={c ? `${c.runs} runs, ${c.retries} retries, ${c.failed} failed, ${c.caught} caught` : "not run"}>
                  {c ? `${pct(c.retriedRuns, c.runs)} of ${c.runs}` : "—"}
                  {c && (c.failed > 0 || c.caught > 0) && (
                    <span className="muted">
                      {" "}
                      · {c.failed} failed, {c.caught} caught
                    </span>
                  )}
                </td>
              );
            })}
            <td data-testid={`retries-rose-${s.stateName}`}>
              {s.retriesJumpedIn !== null ? <strong>v{s.retriesJumpedIn}</strong> : <span className="muted">—</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
