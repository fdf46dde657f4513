"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { EventDto, ExecutionDto } from "@/lib/model/execution";
import { EventTable } from "../events/event-table";
import { prepareStateRuns } from "../events/prepare-state-runs";
import { StateInspector } from "../events/state-inspector";
import { StateMachineGraph } from "../graph/state-machine-graph";
import { JsonViewer } from "../json/json-viewer";
import { ExecutionTimeline } from "../timeline/execution-timeline";
import { formatDuration } from "../ui/format-duration";
import { formatTime } from "./format";
import { historyClosed, useExecutionEvents } from "@/lib/queries/use-execution-events";
import { waitingOn } from "@/lib/history/waiting-on";
import { WaitingPanel } from "./waiting-panel";
import { MapRunsPanel } from "./map-runs-panel";
import { ExecutionActions } from "./execution-actions";
import { RootCauseBanner } from "./root-cause-banner";
import { deriveRootCause } from "@/lib/history/root-cause";
import { indexDefinition, stateAtPath } from "@/lib/asl/definition/definition-model";
import { ReplayPanel } from "../replay/replay-panel"; // Replay panel import

export interface ExecutionDetail extends ExecutionDto {
  versionNumber: number | null;
  incomplete: string | null;
  stateMachineId: string;
  replayOf: { id: string; name: string } | null;
  replayCheckpoint: string | null;
  replayEdits: string | null;
  children: { id: string; name: string; status: string; mapRunArn: string | null }[];
}

interface Props {
  execution: ExecutionDetail;
  /** `?state=Name` deep link */
  initialState: string | null;
}

interface Selection {
  path: string | null;
  runKey: string | null;
}

/**
 * One execution: where and why it failed. Graph and state inspector side by side (the failed
 * state selected on open), the timeline of every state and attempt, and the raw event table.
 */
export function ExecutionDetailView({ execution, initialState }: Props) {
  const router = useRouter();
  const live = execution.status === "RUNNING";
  const history = useExecutionEvents(execution.id, { live });
  const closedNow = live && historyClosed(history.data);
  const refreshed = useRef(false);
  useEffect(() => {
    // the history closed while the page watched: fetch the summary (status, output, stop date) again
    if (closedNow && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [closedNow, router]);
  if (history.data)
    return (
      <ExecutionDetailBody
        execution={execution}
        events={history.data}
        initialState={initialState}
        now={live ? history.dataUpdatedAt : undefined}
      />
    );
  return (
    <div data-testid="execution-detail">
      <ExecutionHeader e={execution} />
      {history.error ? (
        <div className="errorbox" role="alert">
          {(history.error as Error).message}
        </div>
      ) : (
        <div className="muted" role="status" data-testid="history-loading">
          Loading the history…
        </div>
      )}
    </div>
  );
}

function ExecutionDetailBody({ execution: e, events, initialState, now }: Props & { events: EventDto[]; now: number | undefined }) {
  const router = useRouter();
  const pathname = usePathname();
  // the definition is parsed and indexed once; the state runs, root cause, waits and inspector read it
  const index = useMemo(() => indexDefinition(e.definition), [e.definition]);
  const definition = index?.root ?? null;
  const prepared = useMemo(() => prepareStateRuns(events, index), [events, index]);
  const rootCause = useMemo(() => deriveRootCause(prepared, index), [prepared, index]);
  const running = prepared.execution.status === "RUNNING";
  const waits = useMemo(() => (running ? waitingOn(prepared, events, index) : []), [running, prepared, events, index]);
  const initial = useMemo<Selection>(() => {
    if (initialState) {
      const run = prepared.runs.find((r) => r.stateName === initialState || r.statePath === initialState);
      return { path: run?.statePath ?? initialState, runKey: run?.key ?? null };
    }
    // a failed execution opens on where it went wrong, not on the Fail state it ended in
    if (rootCause?.path) return { path: rootCause.path, runKey: rootCause.runKey };
    return { path: null, runKey: null };
  }, [initialState, prepared, rootCause]);
  const [selection, setSelection] = useState<Selection>(initial);

  const select = useCallback(
    (path: string, runKey: string | null, stateName: string, updateUrl: boolean) => {
      setSelection({ path, runKey });
      if (updateUrl) router.replace(`${pathname}?state=${encodeURIComponent(stateName)}`, { scroll: false });
    },
    [router, pathname],
  );

  const definitionState = selection.path ? (stateAtPath(index, selection.path)?.def ?? null) : null;
  const dataFlowInfo = useMemo(
    () => ({
      machineQueryLanguage: definition?.QueryLanguage,
      execution: {
        executionArn: e.executionArn,
        name: e.name,
        startDate: e.startDate,
        input: e.input,
        stateMachineName: e.stateMachineName,
      },
    }),
    [definition, e.executionArn, e.name, e.startDate, e.input, e.stateMachineName],
  );

  return (
    <div data-testid="execution-detail">
      <ExecutionHeader e={e} showError={!rootCause} now={now} />
      {rootCause && <RootCauseBanner rootCause={rootCause} onSelect={(path, runKey, stateName) => select(path, runKey, stateName, true)} />}
      {rootCause && <ExecutionError e={e} />}
      {running && (
        <WaitingPanel
          waits={waits}
          now={now ?? prepared.eventTimes?.last ?? 0}
          onSelect={(path, runKey, stateName) => select(path, runKey, stateName, true)}
        />
      )}
      <div className="detail-grid">
        <section className="detail-graph">
          <h2>Graph</h2>
          <StateMachineGraph
            definition={e.definition}
            events={events}
            prepared={prepared}
            selectedPath={selection.path}
            onSelectState={(s) => select(s.path, s.runKeys[s.runKeys.length - 1] ?? null, s.stateName, selection.path !== null)}
            height={520}
          />
        </section>
        <section className="detail-inspector">
          <h2>State</h2>
          <StateInspector
            prepared={prepared}
            statePath={selection.path}
            runKey={selection.runKey}
            definitionState={definitionState}
            dataFlow={dataFlowInfo}
          />
        </section>
      </div>
      <h2>Timeline</h2>
      <ExecutionTimeline
        events={events}
        definition={e.definition}
        prepared={prepared}
        selectedRunKey={selection.runKey}
        onSelectState={(s) => select(s.statePath, s.runKey, s.stateName, true)}
        now={running ? now : undefined}
        height={360}
      />
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 12 }}>
        <section>
          <h2>Execution input</h2>
          <JsonViewer text={e.input} testId="execution-input" />
        </section>
        <section>
          <h2>Execution output</h2>
          <JsonViewer
            text={e.output}
            testId="execution-output"
            emptyText={
              e.status === "SUCCEEDED"
                ? "null"
                : running
                  ? "No output yet: the execution is still running"
                  : "No output: the execution did not succeed"
            }
          />
        </section>
      </div>
      {/* --- Replay panel (components/replay, owned by the replay work) --- */}
      <ReplayPanel
        execution={{ id: e.id, stateMachineName: e.stateMachineName, source: e.source, definition: e.definition, input: e.input }}
        events={events}
      />
      {/* --- end Replay panel --- */}
      <MapRunsPanel executionId={e.id} events={events} childExecutions={e.children} />
      <h2>Events ({events.length})</h2>
      <EventTable
        events={events}
        prepared={prepared}
        height={520}
        onSelectState={(s) => select(s.statePath, s.runKey, s.stateName, true)}
      />
    </div>
  );
}

function ExecutionHeader({ e, showError = true, now }: { e: ExecutionDetail; showError?: boolean; now?: number }) {
  const durationMs = e.stopDate ? Date.parse(e.stopDate) - Date.parse(e.startDate) : null;
  const running = e.status === "RUNNING" && !e.stopDate;
  return (
    <>
      <p className="muted">
        <Link href="/executions">Executions</Link> / <Link href={`/executions?machine=${e.stateMachineId}`}>{e.stateMachineName}</Link>
      </p>
      <h1>
        {e.name}{" "}
        <span className={`badge ${e.status}`} data-testid="execution-status">
          {e.status}
        </span>
      </h1>
      <dl className="kv">
        <dt>State machine</dt>
        <dd>
          <Link href={`/state-machines/${e.stateMachineId}`}>{e.stateMachineName}</Link>
          {e.versionNumber !== null && ` (version ${e.versionNumber})`}
        </dd>
        <dt>Execution ARN</dt>
        <dd className="mono">{e.executionArn}</dd>
        <dt>Type / source</dt>
        <dd>
          {e.type} · {e.source}
        </dd>
        <dt>Started</dt>
        <dd className="mono">{formatTime(e.startDate)}</dd>
        {running ? (
          <>
            <dt>Running for</dt>
            <dd className="mono" data-testid="running-for">
              {now === undefined ? "…" : formatDuration(now - Date.parse(e.startDate))} (refreshes every few seconds)
            </dd>
          </>
        ) : (
          <>
            <dt>Stopped</dt>
            <dd className="mono">
              {formatTime(e.stopDate)} ({formatDuration(durationMs)})
            </dd>
          </>
        )}
        {e.redriveCount > 0 && (
          <>
            <dt>Redrives</dt>
            <dd>{e.redriveCount}</dd>
          </>
        )}
        {e.replayOf && (
          <>
            <dt>Replay of</dt>
            <dd>
              <Link href={`/executions/${e.replayOf.id}`}>{e.replayOf.name}</Link>
              {e.replayCheckpoint && ` from ${e.replayCheckpoint}`}
            </dd>
          </>
        )}
      </dl>
      <ExecutionActions id={e.id} stateMachineName={e.stateMachineName} source={e.source} input={e.input} definition={e.definition} />
      {e.incomplete && (
        <div className="errorbox" role="status" data-testid="partial-history">
          Partial history: {e.incomplete}
        </div>
      )}
      {showError && <ExecutionError e={e} />}
    </>
  );
}

/** The error the execution itself reports (on a failed execution's page it follows the root cause). */
function ExecutionError({ e }: { e: ExecutionDetail }) {
  if (!e.error && !e.cause) return null;
  return (
    <div className="errorbox" data-testid="execution-error">
      <span className="muted">Execution {e.status === "TIMED_OUT" ? "timed out" : e.status === "ABORTED" ? "aborted" : "failed"}: </span>
      <strong className="mono">{e.error}</strong>
      {e.cause && (
        <pre className="payload" style={{ background: "transparent", border: 0, padding: "4px 0 0", maxHeight: 160 }}>
          {e.cause}
        </pre>
      )}
    </div>
  );
}
