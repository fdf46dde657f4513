"use client";

import type { Waiting } from "@/lib/history/waiting-on";
import { formatDuration } from "../ui/format-duration";
import { formatTime } from "./format";

interface Props {
  waits: Waiting[];
  /** ms since epoch the page last heard from the store */
  now: number;
  onSelect(path: string, runKey: string, stateName: string): void;
}

/** What a running execution waits for right now, one line per open thread (refreshed with the history). */
export function WaitingPanel({ waits, now, onSelect }: Props) {
  return (
    <section className="waiting-panel" data-testid="waiting-panel" aria-live="polite">
      <h2>Waiting on</h2>
      {waits.length === 0 ? (
        <p className="muted">Nothing open in the history yet: the next event has not been recorded.</p>
      ) : (
        <ul>
          {waits.map((wait) => (
            <li key={`${wait.runKey}:${wait.kind}`} data-testid="waiting-item" data-kind={wait.kind}>
              <button type="button" className="linklike" onClick={() => onSelect(wait.statePath, wait.runKey, wait.stateName)}>
                {wait.statePath}
              </button>{" "}
              <span>{describe(wait, now)}</span>
              <WaitDeadlines wait={wait} now={now} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function describe(wait: Waiting, now: number): string {
  const since = wait.since === null ? "" : ` for ${formatDuration(now - wait.since)}`;
  const attempt = wait.attempt && wait.attempt > 1 ? ` (attempt ${wait.attempt})` : "";
  switch (wait.kind) {
    case "wait":
      return wait.until == null ? `Wait state${since}` : `Wait state until ${formatTime(new Date(wait.until).toISOString())}`;
    case "callback":
      return `waits for a task token callback${attempt}${since}`;
    case "activity":
      return wait.worker ? `activity taken by worker ${wait.worker}${attempt}${since}` : `activity waits for a worker${attempt}${since}`;
    case "job":
      return `waits for the job to finish${attempt}${since}`;
    case "task":
      return `task running${attempt}${since}`;
    case "retry":
      return `waits to retry (attempt ${wait.attempt ?? "?"})`;
    case "map": {
      const p = wait.progress;
      if (!p) return "Map running";
      const total = p.total === null ? "" : ` of ${p.total}`;
      return `Map: ${p.succeeded} succeeded, ${p.failed} failed, ${p.running} running${total ? `, ${p.started} started${total}` : ""}`;
    }
    default:
      return `in progress${since}`;
  }
}

function WaitDeadlines({ wait, now }: { wait: Waiting; now: number }) {
  if (wait.token === undefined && wait.heartbeatDueAt === undefined && wait.timeoutAt === undefined) return null;
  return (
    <dl className="kv waiting-deadlines">
      {wait.token !== undefined && (
        <>
          <dt>Task token</dt>
          <dd className="mono wrap-anywhere" data-testid="waiting-token">
            {wait.token ?? "not found in the recorded parameters"}
          </dd>
        </>
      )}
      {wait.heartbeatDueAt !== undefined && (
        <>
          <dt>Heartbeat due</dt>
          <dd data-testid="waiting-heartbeat">
            {deadline(wait.heartbeatDueAt, now, `every ${wait.heartbeatSeconds} s; each heartbeat moves it`)}
          </dd>
        </>
      )}
      {wait.timeoutAt !== undefined && (
        <>
          <dt>Times out</dt>
          <dd data-testid="waiting-timeout">{deadline(wait.timeoutAt, now, `TimeoutSeconds ${wait.timeoutSeconds}`)}</dd>
        </>
      )}
    </dl>
  );
}

function deadline(at: number | null | undefined, now: number, note: string): string {
  if (at === null || at === undefined) return `unknown (${note})`;
  const when = formatTime(new Date(at).toISOString());
  const left = at - now;
  return `${when} (${left >= 0 ? `in ${formatDuration(left)}` : `${formatDuration(-left)} ago`}; ${note})`;
}
