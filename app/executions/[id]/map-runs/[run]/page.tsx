import Link from "next/link";
import { notFound } from "next/navigation";
import { mapConfigOf } from "@/components/graph/prepare-graph";
import { formatDuration } from "@/components/ui/format-duration";
import { db } from "@/lib/db/client";
import { getExecution } from "@/lib/db/get-execution";
import { mapRunChildren } from "@/lib/db/map-run-children";
import { indexDefinition, stateAtPath } from "@/lib/asl/definition/definition-model";
import { summarizeMapRuns } from "@/lib/history/summarize-map-runs";
import { toEventDtos } from "@/lib/server/execution-dto";
import { findByRouteId } from "@/lib/server/route-id";

export const dynamic = "force-dynamic";

const PAGE = 100;
const STATUSES = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "RUNNING"] as const;

/**
 * One Map state run, as the console's Map Run page shows it: status, item counts, the Map's
 * configuration, and its iterations (inline) or child executions (distributed) with their errors.
 * `[run]` is the id of the run's MapStateEntered event.
 */
export default async function MapRunPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; run: string }>;
  searchParams: Promise<{ status?: string; page?: string }>;
}) {
  const { id, run: runParam } = await params;
  const query = await searchParams;
  const execution = await findByRouteId(id, (key) => getExecution(db(), key));
  if (!execution || !/^\d+$/.test(runParam)) notFound();
  const events = toEventDtos(execution);
  const run = summarizeMapRuns(events).find((r) => r.enteredEventId === Number(runParam));
  if (!run) notFound();
  const definition = execution.version?.definition ?? null;
  const index = indexDefinition(definition);
  const path = index ? ([...index.states.values()].find((s) => s.type === "Map" && s.name === run.stateName)?.path ?? null) : null;
  const state = path ? (stateAtPath(index, path)?.def ?? null) : null;
  const config = state ? mapConfigOf(state) : null;
  const status = STATUSES.find((s) => s === query.status);
  const page = Math.max(0, Number.parseInt(query.page ?? "0", 10) || 0);
  const children = run.mapRunArn ? await mapRunChildren(db(), run.mapRunArn, { status, take: PAGE, skip: page * PAGE }) : null;
  const childTotal = children ? Object.values(children.counts).reduce((a, b) => a + b, 0) : 0;
  const counts = children && childTotal > 0 ? countsOfChildren(children.counts) : run.iterations;
  const base = `/executions/${encodeURIComponent(execution.id)}/map-runs/${run.enteredEventId}`;
  const duration = run.endedAt ? Date.parse(run.endedAt) - Date.parse(run.enteredAt) : null;

  return (
    <div data-testid="map-run">
      <p className="muted">
        <Link href="/executions">Executions</Link> / <Link href={`/executions/${encodeURIComponent(execution.id)}`}>{execution.name}</Link>{" "}
        / Map Run
      </p>
      <h1 className="wrap-anywhere">
        {run.stateName}{" "}
        <span className={`badge ${run.status}`} data-testid="map-run-status">
          {run.status}
        </span>
      </h1>
      <dl className="kv">
        <dt>Map Run ARN</dt>
        <dd className="mono wrap-anywhere">{run.mapRunArn ?? "inline Map (iterations run inside the execution)"}</dd>
        <dt>Execution</dt>
        <dd>
          <Link href={`/executions/${encodeURIComponent(execution.id)}?state=${encodeURIComponent(path ?? run.stateName)}`}>
            {execution.name}
          </Link>{" "}
          <span className="muted">({execution.stateMachine.name})</span>
        </dd>
        <dt>Started</dt>
        <dd className="mono">
          {run.enteredAt.replace("T", " ").slice(0, 19)} UTC{duration !== null ? ` · ${formatDuration(duration)}` : " · running"}
        </dd>
        {config ? (
          <>
            <dt>Mode</dt>
            <dd data-testid="map-run-mode">
              {config.mode === "DISTRIBUTED"
                ? `Distributed${config.executionType ? `, ${config.executionType} child executions` : ""}`
                : "Inline"}
              {" · "}
              {config.maxConcurrency === undefined || config.maxConcurrency === 0
                ? config.mode === "DISTRIBUTED"
                  ? "up to 1,000 child executions at once (default)"
                  : "no concurrency limit"
                : `at most ${config.maxConcurrency} at once`}
            </dd>
            {config.itemReader ? (
              <>
                <dt>Items from</dt>
                <dd className="mono">{config.itemReader}</dd>
              </>
            ) : null}
            {config.toleratedFailure ? (
              <>
                <dt>Tolerated failures</dt>
                <dd>{config.toleratedFailure}</dd>
              </>
            ) : null}
          </>
        ) : null}
        {run.error ? (
          <>
            <dt>Error</dt>
            <dd className="mono sl-text-fail wrap-anywhere" data-testid="map-run-error">
              {run.error}
              {run.cause ? <div className="muted">{run.cause}</div> : null}
            </dd>
          </>
        ) : null}
      </dl>

      <h2>Items</h2>
      <table className="grid" data-testid="map-run-counts">
        <thead>
          <tr>
            <th>Items</th>
            <th>Started</th>
            <th>Succeeded</th>
            <th>Failed</th>
            <th>Aborted</th>
            <th>Running</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{run.itemCount ?? "–"}</td>
            <td>{counts.started}</td>
            <td>{counts.succeeded}</td>
            <td>{counts.failed}</td>
            <td>{counts.aborted}</td>
            <td>{Math.max(0, counts.started - counts.succeeded - counts.failed - counts.aborted)}</td>
          </tr>
        </tbody>
      </table>
      {run.mapRunArn && childTotal === 0 ? (
        <p className="warnbox" data-testid="map-run-not-ingested">
          The history records this Map Run but none of its {run.itemCount ?? ""} child executions are stored, so their counts and errors are
          unknown here. Ingest them from AWS with <code>statelens ingest aws --state-machine {execution.stateMachine.name}</code> (Map Run
          children are listed through ListExecutions with the Map Run ARN).
        </p>
      ) : null}

      {children && children.errors.length > 0 ? (
        <>
          <h2>Failures</h2>
          <table className="grid" data-testid="map-run-errors">
            <thead>
              <tr>
                <th>Error</th>
                <th>Child executions</th>
              </tr>
            </thead>
            <tbody>
              {children.errors.map((e) => (
                <tr key={e.error}>
                  <td className="mono wrap-anywhere">{e.error}</td>
                  <td>{e.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      {children && childTotal > 0 ? (
        <>
          <h2>Child executions</h2>
          <p className="muted">
            Show:{" "}
            <Link href={base} aria-current={!status ? "page" : undefined}>
              all ({childTotal})
            </Link>
            {STATUSES.filter((s) => children.counts[s]).map((s) => (
              <span key={s}>
                {" · "}
                <Link href={`${base}?status=${s}`} aria-current={status === s ? "page" : undefined}>
                  {s.toLowerCase()} ({children.counts[s]})
                </Link>
              </span>
            ))}
          </p>
          <table className="grid" data-testid="map-run-children">
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th>Started</th>
                <th>Duration</th>
                <th>Error</th>
              </tr>
            </thead>
            <tbody>
              {children.page.map((c) => (
                <tr key={c.id} data-testid="map-run-child">
                  <td className="wrap-anywhere">
                    <Link href={`/executions/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                  </td>
                  <td>
                    <span className={`badge ${c.status}`}>{c.status}</span>
                  </td>
                  <td className="mono">{c.startDate.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td className="mono">{formatDuration(c.durationMs)}</td>
                  <td className="mono wrap-anywhere">{c.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager base={base} status={status} page={page} shown={children.page.length} />
        </>
      ) : null}

      {!run.mapRunArn && run.iterationList.length > 0 ? (
        <>
          <h2>Iterations</h2>
          <table className="grid" data-testid="map-run-iterations">
            <thead>
              <tr>
                <th>Index</th>
                <th>Status</th>
                <th>Duration</th>
              </tr>
            </thead>
            <tbody>
              {run.iterationList.slice(0, 1000).map((it) => (
                <tr key={it.index} data-testid="map-run-iteration">
                  <td>{it.index}</td>
                  <td>
                    <span className={`badge ${it.status}`}>{it.status}</span>
                  </td>
                  <td className="mono">{it.endedAt ? formatDuration(Date.parse(it.endedAt) - Date.parse(it.startedAt)) : "running"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {run.iterationList.length > 1000 ? <p className="muted">The first 1,000 of {run.iterationList.length} iterations.</p> : null}
        </>
      ) : null}
    </div>
  );
}

function countsOfChildren(counts: Record<string, number>) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    started: total,
    succeeded: counts.SUCCEEDED ?? 0,
    failed: (counts.FAILED ?? 0) + (counts.TIMED_OUT ?? 0),
    aborted: counts.ABORTED ?? 0,
  };
}

function Pager({ base, status, page, shown }: { base: string; status: string | undefined; page: number; shown: number }) {
  const href = (p: number) => `${base}?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) })}`;
  if (page === 0 && shown < PAGE) return null;
  return (
    <p>
      {page > 0 ? <Link href={href(page - 1)}>← Previous</Link> : null} {shown === PAGE ? <Link href={href(page + 1)}>Next →</Link> : null}
    </p>
  );
}
