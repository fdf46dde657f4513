"use client";

import Link from "next/link";
import { useMemo } from "react";
import { summarizeMapRuns } from "@/lib/history/summarize-map-runs";
import type { EventDto } from "@/lib/model/execution";

interface Child {
  id: string;
  name: string;
  status: string;
  mapRunArn: string | null;
}

/** Map state runs: item counts by status, and the child executions of distributed Map Runs. */
export function MapRunsPanel({
  executionId,
  events,
  childExecutions: children,
}: {
  executionId: string;
  events: EventDto[];
  childExecutions: Child[];
}) {
  const runs = useMemo(() => summarizeMapRuns(events), [events]);
  if (runs.length === 0 && children.length === 0) return null;
  return (
    <section data-testid="map-runs">
      <h2>Map runs</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>Map state</th>
            <th>Started</th>
            <th>Succeeded</th>
            <th>Failed</th>
            <th>Aborted</th>
            <th>Child executions</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const kids = run.mapRunArn ? children.filter((c) => c.mapRunArn === run.mapRunArn) : [];
            // a distributed Map's items run as child executions: unknown until they are ingested
            const counts = kids.length
              ? {
                  started: kids.length,
                  succeeded: kids.filter((k) => k.status === "SUCCEEDED").length,
                  failed: kids.filter((k) => k.status === "FAILED" || k.status === "TIMED_OUT").length,
                  aborted: kids.filter((k) => k.status === "ABORTED").length,
                }
              : run.mapRunArn
                ? null
                : run.iterations;
            return (
              <tr key={run.enteredEventId} data-testid={`map-run-${run.stateName}`}>
                <td className="wrap-anywhere">
                  <Link href={`/executions/${encodeURIComponent(executionId)}/map-runs/${run.enteredEventId}`} data-testid="map-run-link">
                    {run.stateName}
                  </Link>{" "}
                  <span className={`badge ${run.status}`}>{run.status}</span>
                  {run.itemCount !== null ? <span className="muted"> · {run.itemCount} items</span> : null}
                  {run.mapRunArn && (
                    <div className="muted mono" style={{ fontSize: 11 }}>
                      {run.mapRunArn}
                    </div>
                  )}
                </td>
                <td>{counts?.started ?? "–"}</td>
                <td>{counts?.succeeded ?? "–"}</td>
                <td>{counts?.failed ?? "–"}</td>
                <td>{counts?.aborted ?? "–"}</td>
                <td>
                  {kids.length === 0 ? (
                    <span className="muted">{run.mapRunArn ? "not ingested (counts above are unknown)" : "inline"}</span>
                  ) : (
                    <details>
                      <summary>{kids.length} executions</summary>
                      <ul>
                        {kids.slice(0, 200).map((k) => (
                          <li key={k.id}>
                            <Link href={`/executions/${k.id}`}>{k.name}</Link> <span className={`badge ${k.status}`}>{k.status}</span>
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
