import Link from "next/link";

export interface AuditViewRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
  ip: string | null;
}

interface Props {
  facets: { actions: string[]; actors: string[] };
  query: Record<string, string | undefined>;
  rows: AuditViewRow[];
  nextBefore: number | null;
  error?: string;
}

function href(query: Record<string, string | undefined>, change: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...change })) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `/audit?${text}` : "/audit";
}

/** The audit table: server-rendered, every value shown as text (never as HTML). */
export function AuditView({ facets, query, rows, nextBefore, error }: Props) {
  return (
    <div data-testid="audit-page">
      <h1>Audit log</h1>
      <form className="filters" method="get" action="/audit" data-testid="audit-filters">
        <label>
          Action
          <select name="action" defaultValue={query.action ?? ""} data-testid="audit-filter-action">
            <option value="">All</option>
            {facets.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          Actor
          <input name="actor" list="audit-actors" defaultValue={query.actor ?? ""} size={20} data-testid="audit-filter-actor" />
          <datalist id="audit-actors">
            {facets.actors.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label>
          Per page
          <select name="limit" defaultValue={query.limit ?? "50"}>
            {["25", "50", "100", "200"].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          Apply
        </button>
        <Link href="/audit" className="button">
          Reset
        </Link>
      </form>
      {error && (
        <div className="errorbox" role="alert">
          Invalid filter: {error}
        </div>
      )}
      {rows.length === 0 ? (
        <div className="empty" data-testid="audit-empty">
          No audit entries{query.action || query.actor ? " match these filters" : " yet"}.
        </div>
      ) : (
        <table className="grid" data-testid="audit-table">
          <thead>
            <tr>
              <th>When (UTC)</th>
              <th>Actor</th>
              <th>Action</th>
              <th>Target</th>
              <th>Details</th>
              <th>Address</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="audit-row" data-action={r.action}>
                <td className="mono nowrap">{r.at.replace("T", " ").replace(/\.\d+Z$/, "")}</td>
                <td>
                  <Link href={href(query, { actor: r.actor, before: undefined })}>{r.actor}</Link>
                </td>
                <td className="nowrap">
                  <Link href={href(query, { action: r.action, before: undefined })}>{r.action}</Link>
                </td>
                <td className="mono wrap-anywhere">{r.target ?? ""}</td>
                <td className="mono muted">{r.details ? (r.details.length > 300 ? `${r.details.slice(0, 300)}…` : r.details) : ""}</td>
                <td className="mono muted nowrap">{r.ip ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        {query.before && (
          <Link href={href(query, { before: undefined })} className="button">
            Newest
          </Link>
        )}
        {nextBefore !== null && (
          <Link href={href(query, { before: String(nextBefore) })} className="button" data-testid="audit-older">
            Older →
          </Link>
        )}
      </div>
    </div>
  );
}
