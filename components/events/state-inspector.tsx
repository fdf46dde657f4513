"use client";

import { useMemo, useState } from "react";
import { JsonDiff } from "../json/json-diff";
import { JsonViewer } from "../json/json-viewer";
import { formatClock, formatDuration } from "../ui/format-duration";
import { StatusBadge } from "../ui/status-badge";
import { Tabs, type TabItem } from "../ui/tabs";
import { describeRun } from "./describe-run";
import type { PreparedRuns, StateRun } from "../../lib/history/state-run-types";
import { dataFlowRunOf, type ExecutionContextInfo } from "./data-flow-run";
import { DataFlowView } from "./data-flow-view";

export interface StateInspectorProps {
  prepared: PreparedRuns;
  /** state path picked in the graph (all its runs are offered) */
  statePath?: string | null;
  /** a specific run (from the timeline or the event table) */
  runKey?: string | null;
  /** the state's definition, to show its Resource and Retry/Catch setup */
  definitionState?: Record<string, unknown> | null;
  /** the machine's QueryLanguage and the execution's own fields, for the data-flow steps */
  dataFlow?: { machineQueryLanguage: unknown; execution: ExecutionContextInfo };
}

/** Everything about one state run: input, output, error, attempts, resource, parameters, variables, diff. */
export function StateInspector({ prepared, statePath, runKey, definitionState, dataFlow }: StateInspectorProps) {
  const path = statePath ?? (runKey ? prepared.runByKey.get(runKey)?.statePath : null) ?? null;
  const runs = useMemo(() => (path ? prepared.runs.filter((r) => r.statePath === path) : []), [prepared, path]);
  const preferred = useMemo(() => defaultRun(runs, runKey ?? null), [runs, runKey]);
  const [picked, setPicked] = useState<string | null>(null);
  const run = runs.find((r) => r.key === picked) ?? preferred;
  const flowRun = useMemo(
    () =>
      run && definitionState && dataFlow
        ? dataFlowRunOf(prepared, run, definitionState, dataFlow.machineQueryLanguage, dataFlow.execution)
        : null,
    [prepared, run, definitionState, dataFlow],
  );

  if (!path)
    return (
      <div className="sl-empty-note" data-testid="state-inspector">
        Select a state to inspect it.
      </div>
    );
  if (!run) {
    return (
      <div className="sl-empty-note" data-testid="state-inspector">
        <strong>{path}</strong> was not reached in this execution.
      </div>
    );
  }
  const tabs: TabItem[] = [
    { id: "input", label: "Input", render: () => <JsonViewer key={run.key} text={run.input} testId="inspector-input" /> },
    {
      id: "output",
      label: "Output",
      render: () => <JsonViewer key={run.key} text={run.output} testId="inspector-output" emptyText="No output (the state did not exit)" />,
    },
    {
      id: "data-flow",
      label: "Data flow",
      disabled: !definitionState || !dataFlow,
      render: () => <DataFlowView key={run.key} run={flowRun} />,
    },
    { id: "error", label: "Error", disabled: !run.error && !run.cause, render: () => <ErrorBlock run={run} /> },
    {
      id: "attempts",
      label: `Attempts${run.attempts.length ? ` (${run.attempts.length})` : ""}`,
      disabled: run.attempts.length === 0,
      render: () => <Attempts run={run} />,
    },
    {
      id: "parameters",
      label: "Parameters",
      disabled: !run.parameters,
      render: () => <JsonViewer key={run.key} text={run.parameters} testId="inspector-parameters" />,
    },
    {
      id: "variables",
      label: "Variables",
      disabled: !run.assignedVariables,
      render: () => <JsonViewer key={run.key} value={decodeVariables(run.assignedVariables)} testId="inspector-variables" />,
    },
    {
      id: "diff",
      label: "Input → Output",
      disabled: run.output === null,
      render: () => <JsonDiff key={run.key} before={run.input} after={run.output} testId="inspector-diff" />,
    },
  ];
  const initial = run.error ? "error" : "input";
  const resource =
    typeof definitionState?.Resource === "string"
      ? definitionState.Resource
      : run.resourceType
        ? `${run.resourceType}:${run.resource ?? ""}`
        : run.resource;
  const duration = run.enteredAt !== null ? (run.exitedAt ?? run.endedAt ?? null) : null;
  return (
    <div className="sl-inspector" data-testid="state-inspector" data-run={run.key}>
      <div className="sl-inspector-head">
        <h3 className="sl-inspector-title">{run.stateName}</h3>
        <StatusBadge status={run.status} suffix={run.attempts.length > 1 ? `×${run.attempts.length}` : undefined} />
        <span className="sl-muted">{run.stateType}</span>
      </div>
      <dl className="sl-kv">
        {runs.length > 1 ? (
          <>
            <dt>Run</dt>
            <dd>
              <select value={run.key} onChange={(e) => setPicked(e.target.value)} data-testid="inspector-run-picker">
                {runs.map((r, i) => (
                  <option key={r.key} value={r.key}>
                    {i + 1} of {runs.length} · {describeRun(r, prepared)} · {r.status}
                  </option>
                ))}
              </select>
            </dd>
          </>
        ) : null}
        <dt>Where</dt>
        <dd>
          {describeRun(run, prepared)} <span className="sl-muted mono">{run.statePath}</span>
        </dd>
        <dt>Entered</dt>
        <dd className="mono">
          {formatClock(run.enteredAt)} ·{" "}
          {run.status === "in-progress"
            ? "running"
            : formatDuration(duration !== null && run.enteredAt !== null ? duration - run.enteredAt : null)}
        </dd>
        {resource ? (
          <>
            <dt>Resource</dt>
            <dd className="mono">{resource}</dd>
          </>
        ) : null}
        {run.error ? (
          <>
            <dt>Error</dt>
            <dd className="mono sl-text-fail">{run.error}</dd>
          </>
        ) : null}
      </dl>
      <Tabs key={run.key} tabs={tabs} initial={initial} testId="inspector-tabs" />
    </div>
  );
}

function defaultRun(runs: StateRun[], runKey: string | null): StateRun | null {
  if (runKey) {
    const exact = runs.find((r) => r.key === runKey);
    if (exact) return exact;
  }
  for (let i = runs.length - 1; i >= 0; i--) if (runs[i].status === "failed") return runs[i];
  return runs.at(-1) ?? null;
}

function ErrorBlock({ run }: { run: StateRun }) {
  return (
    <div className="sl-error-block" data-testid="inspector-error">
      <div className="mono sl-text-fail">{run.error ?? "(no error name)"}</div>
      {run.cause ? <JsonViewer text={looksJson(run.cause) ? run.cause : JSON.stringify(run.cause)} testId="inspector-cause" /> : null}
    </div>
  );
}

function Attempts({ run }: { run: StateRun }) {
  return (
    <table className="sl-table" data-testid="inspector-attempts">
      <thead>
        <tr>
          <th>#</th>
          <th>Scheduled</th>
          <th>Duration</th>
          <th>Wait before</th>
          <th>Outcome</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {run.attempts.map((a, i) => {
          const prev = run.attempts[i - 1];
          const gap = prev?.endedAt != null && a.startedAt !== null ? a.startedAt - prev.endedAt : null;
          return (
            <tr key={a.index}>
              <td>{a.index + 1}</td>
              <td className="mono">{formatClock(a.startedAt)}</td>
              <td className="mono">{a.endedAt !== null && a.startedAt !== null ? formatDuration(a.endedAt - a.startedAt) : "running"}</td>
              <td className="mono">{gap !== null ? formatDuration(gap) : "–"}</td>
              <td>
                <StatusBadge
                  status={a.outcome === "timed-out" ? "failed" : a.outcome}
                  suffix={a.outcome === "timed-out" ? "timed out" : undefined}
                />
              </td>
              <td className="mono">
                {a.error ?? ""}
                {a.cause ? <div className="sl-muted sl-small sl-clamp">{a.cause}</div> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function looksJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function decodeVariables(vars: Record<string, string> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(vars ?? {})) {
    try {
      out[k] = JSON.parse(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}
