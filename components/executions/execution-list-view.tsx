"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type KeyboardEvent } from "react";
import { formatDuration } from "../ui/format-duration";
import { formatTime } from "./format";

export interface ExecutionListItem {
  id: string;
  name: string;
  status: string;
  type: string;
  source: string;
  startDate: string;
  stopDate: string | null;
  durationMs: number | null;
  error: string | null;
  redriveCount: number;
  incomplete: string | null;
  replayOfId: string | null;
  stateMachineName: string;
  version: number | null;
}

interface Props {
  machines: { id: string; name: string; versions: { id: string; number: number }[] }[];
  params: Record<string, string | string[]>;
  rows: ExecutionListItem[];
  nextCursor: string | null;
  error?: string;
  storeEmpty?: boolean;
  scanLimited?: boolean;
}

const STATUSES = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "RUNNING", "PENDING_REDRIVE"];
/** Status choices: one status, or the sets people ask for; a set from the URL that is not listed is offered as it is. */
const STATUS_SETS: [string, string][] = [
  ["FAILED,TIMED_OUT,ABORTED", "Any failure"],
  ["FAILED,TIMED_OUT", "Failed or timed out"],
];

export function statusOptions(current: string): [string, string][] {
  const options: [string, string][] = [["", "All"], ...STATUSES.map((s): [string, string] => [s, s]), ...STATUS_SETS];
  const normalized = current
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .join(",");
  if (normalized && !options.some(([value]) => value === normalized)) options.push([normalized, normalized.split(",").join(" or ")]);
  return options;
}
const SOURCES = [
  ["aws", "AWS"],
  ["logs", "Express logs"],
  ["file", "File import"],
  ["local", "Local engine"],
  ["replay", "Replay"],
];

function one(v: string | string[] | undefined): string {
  return Array.isArray(v) ? v.join(",") : (v ?? "");
}

/** The execution list: filters as a GET form (the URL is the state, so links are shareable). */
export function ExecutionListView({ machines, params, rows, nextCursor, error, storeEmpty, scanLimited }: Props) {
  const router = useRouter();
  const [picked, setPicked] = useState<string[]>([]);
  const togglePick = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const machine = one(params.machine);
  const versions = machines.find((m) => m.id === machine)?.versions ?? [];
  const nextParams = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (k !== "after") nextParams.set(k, one(v));
  if (nextCursor) nextParams.set("after", nextCursor);

  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, id: string) => {
    const row = e.currentTarget;
    if (e.key === "ArrowDown") {
      (row.nextElementSibling as HTMLElement | null)?.focus();
      e.preventDefault();
    } else if (e.key === "ArrowUp") {
      (row.previousElementSibling as HTMLElement | null)?.focus();
      e.preventDefault();
    } else if (e.key === "Enter") router.push(`/executions/${id}`);
  };

  return (
    <div>
      <h1>Executions</h1>
      <form className="filters" method="get" action="/executions" data-testid="execution-filters">
        <label>
          State machine
          <select name="machine" defaultValue={machine} data-testid="filter-machine">
            <option value="">All</option>
            {machines.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        {versions.length > 1 && (
          <label>
            Version
            <select name="version" defaultValue={one(params.version)}>
              <option value="">All</option>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  v{v.number}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Status
          <select
            name="status"
            defaultValue={one(params.status)
              .split(",")
              .map((x) => x.trim())
              .filter(Boolean)
              .join(",")}
            data-testid="filter-status"
          >
            {statusOptions(one(params.status)).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Source
          <select name="source" defaultValue={one(params.source)}>
            <option value="">All</option>
            {SOURCES.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Error name
          <input name="error" defaultValue={one(params.error)} placeholder="States.Timeout" size={16} />
        </label>
        <label>
          From
          <input type="date" name="from" defaultValue={one(params.from).slice(0, 10)} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={one(params.to).slice(0, 10)} />
        </label>
        <label>
          Search names and payloads
          <input name="q" defaultValue={one(params.q)} placeholder="order-1234" size={24} data-testid="filter-q" />
        </label>
        <label>
          Input condition (JSONata)
          <input
            name="where"
            defaultValue={one(params.where)}
            placeholder="$.order.total > 100"
            size={26}
            className="mono"
            data-testid="filter-where"
          />
        </label>
        <label className="inline-check">
          <span>Redriven</span>
          <input type="checkbox" name="redriven" value="1" defaultChecked={!!one(params.redriven)} />
        </label>
        <button type="submit" className="primary" data-testid="apply-filters">
          Apply
        </button>
        <Link href="/executions" className="button">
          Reset
        </Link>
      </form>
      {picked.length > 0 && (
        <CompareBar
          picked={picked.map((id) => rows.find((r) => r.id === id)).filter((r): r is ExecutionListItem => !!r)}
          onClear={() => setPicked([])}
        />
      )}
      {scanLimited && (
        <div className="muted" role="status">
          The input condition stopped after scanning 20,000 executions; narrow the time range or use “Older” to continue.
        </div>
      )}
      {error && (
        <div className="errorbox" role="alert" data-testid="filter-error">
          Invalid filter: {error}
        </div>
      )}
      {storeEmpty ? (
        <div className="empty" data-testid="empty-store">
          <p>No executions stored yet. Load some:</p>
          <ul>
            <li>
              <code>npx statelens demo</code> — a few hundred runs of the example workflows on the local engine
            </li>
            <li>
              <code>npx statelens import history.json --definition definition.json</code> — an exported{" "}
              <code>aws stepfunctions get-execution-history</code>
            </li>
            <li>
              <code>npx statelens ingest aws --region us-east-1 --since 90d</code> — from your AWS account
            </li>
          </ul>
        </div>
      ) : rows.length === 0 ? (
        <div className="empty" data-testid="empty-results">
          No executions match these filters.
        </div>
      ) : (
        <table className="grid" data-testid="execution-table">
          <thead>
            <tr>
              <th title="pick two to compare">⇆</th>
              <th>Status</th>
              <th>Name</th>
              <th>State machine</th>
              <th>Started</th>
              <th>Duration</th>
              <th>Error</th>
              <th>Source</th>
            </tr>
          </thead>
          <tbody ref={tableRef}>
            {rows.map((r) => (
              <tr key={r.id} tabIndex={0} data-testid="execution-row" data-status={r.status} onKeyDown={(e) => onKeyDown(e, r.id)}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`compare ${r.name}`}
                    checked={picked.includes(r.id)}
                    onChange={() => togglePick(r.id)}
                    data-testid="compare-pick"
                  />
                </td>
                <td>
                  <span className={`badge ${r.status}`}>{r.status}</span>
                </td>
                <td className="wrap-anywhere name-cell">
                  <Link href={`/executions/${r.id}`} data-testid="execution-link">
                    {r.name}
                  </Link>
                  {r.redriveCount > 0 && <span className="muted"> · redriven ×{r.redriveCount}</span>}
                  {r.replayOfId && <span className="muted"> · replay</span>}
                  {r.incomplete && (
                    <span className="muted" title={r.incomplete}>
                      {" "}
                      · partial history
                    </span>
                  )}
                </td>
                <td className="wrap-anywhere name-cell">
                  {r.stateMachineName}
                  {r.version !== null && <span className="muted"> v{r.version}</span>}
                </td>
                <td className="mono nowrap">{formatTime(r.startDate)}</td>
                <td className="nowrap">{formatDuration(r.durationMs)}</td>
                <td className="mono name-cell" data-testid="execution-error">
                  {r.error ?? ""}
                </td>
                <td className="muted">
                  {r.source}
                  {r.type === "EXPRESS" ? " · express" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        {params.after && (
          <Link href="/executions" className="button">
            Newest
          </Link>
        )}
        {nextCursor && (
          <Link href={`/executions?${nextParams}`} className="button" data-testid="next-page">
            Older →
          </Link>
        )}
      </div>
    </div>
  );
}

/** Above the table: what will be compared, and a warning when the two ran different state machines. */
function CompareBar({ picked, onClear }: { picked: ExecutionListItem[]; onClear: () => void }) {
  const [a, b] = picked;
  return (
    <div className="pager compare-bar" data-testid="compare-bar" role="region" aria-label="Compare">
      {a && b ? (
        <>
          <Link className="button primary" href={`/compare?a=${a.id}&b=${b.id}`} data-testid="compare-selected">
            Compare {a.name} with {b.name}
          </Link>
          {a.stateMachineName !== b.stateMachineName && (
            <span className="warnbox" role="status" data-testid="compare-warning">
              Different state machines ({a.stateMachineName}, {b.stateMachineName}): states are matched by name only.
            </span>
          )}
        </>
      ) : (
        <span className="muted">Compare {a?.name ?? "one execution"} with…: pick one more.</span>
      )}
      <button type="button" onClick={onClear}>
        Clear
      </button>
    </div>
  );
}
