"use client";

import Link from "next/link";
import { useMemo } from "react";
import type { EventDto } from "@/lib/model/execution";
import type { ExecutionDiff } from "@/lib/replay/diff-executions";
import { StateMachineGraph } from "../graph/state-machine-graph";
import { JsonDiff } from "../json/json-diff";
import { formatDuration } from "../ui/format-duration";
import { Panel } from "../ui/panel";
import { StatusBadge } from "../ui/status-badge";
import { compareLabels } from "./compare-labels";
import { prepareCompare } from "./prepare-compare";

export interface CompareSide {
  id: string;
  name: string;
  status: string;
  source: string;
  definition: string | null;
  events: EventDto[];
  durationMs: number | null;
  stateMachine: string;
  replayOfId: string | null;
}

export interface CompareViewProps {
  a: CompareSide;
  b: CompareSide;
  diff: ExecutionDiff;
}

/** Two executions side by side (typically an original and its replay): status, where they part, what changed. */
export function CompareView({ a, b, diff }: CompareViewProps) {
  const model = useMemo(() => prepareCompare(diff), [diff]);
  const labels = compareLabels(a, b);
  return (
    <div data-testid="compare-view">
      <h1>Compare executions</h1>
      {labels.warning ? (
        <p className="warnbox" role="status" data-testid="compare-machines-warning">
          {labels.warning}
        </p>
      ) : null}
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 12 }}>
        <Side side={a} label={labels.a} testId="compare-a" />
        <Side side={b} label={labels.b} testId="compare-b" />
      </div>
      {model.identical ? (
        <p className="sl-muted" data-testid="compare-identical">
          Identical: the same events, payloads and status (timestamps aside).
        </p>
      ) : null}

      {model.divergence ? (
        <Panel title={`First divergence: event #${model.divergence.position}, ${model.divergence.reason}`} testId="first-divergence">
          <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 12 }}>
            <div className="mono" data-testid="divergence-a">
              {model.divergence.a}
            </div>
            <div className="mono" data-testid="divergence-b">
              {model.divergence.b}
            </div>
          </div>
          <JsonDiff
            before={model.divergence.aDetails}
            after={model.divergence.bDetails}
            beforeTitle={`${labels.a} event`}
            afterTitle={`${labels.b} event`}
            testId="divergence-diff"
          />
        </Panel>
      ) : null}

      <h2>States whose result changed ({model.states.length})</h2>
      <div data-testid="changed-states">
        {model.states.length === 0 ? <p className="sl-muted">None.</p> : null}
        {model.states.map((s) => (
          <Panel key={s.key} title={`${s.stateName}${s.where ? ` (${s.where})` : ""}`} testId="changed-state">
            {s.errorChange ? (
              <p data-testid="changed-state-error">
                Error: <span className="mono">{s.errorChange}</span>
              </p>
            ) : null}
            <JsonDiff
              before={s.before}
              after={s.after}
              beforeTitle={`Output in ${a.name}`}
              afterTitle={`Output in ${b.name}`}
              testId={`state-diff-${s.stateName}`}
            />
          </Panel>
        ))}
      </div>

      <h2>Paths taken</h2>
      <div data-testid="path-legend">
        <p>
          Only in {labels.a}:{" "}
          <span className="mono" data-testid="only-in-a">
            {model.onlyInA.length ? model.onlyInA.join(", ") : "none"}
          </span>
          {" · "}
          Only in {labels.b}:{" "}
          <span className="mono" data-testid="only-in-b">
            {model.onlyInB.length ? model.onlyInB.join(", ") : "none"}
          </span>
        </p>
      </div>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 12 }}>
        <section data-testid="graph-a">
          <h3>{a.name}</h3>
          <StateMachineGraph definition={a.definition} events={a.events} height={460} />
        </section>
        <section data-testid="graph-b">
          <h3>{b.name}</h3>
          <StateMachineGraph definition={b.definition} events={b.events} height={460} />
        </section>
      </div>

      <h2>Time per state</h2>
      <table className="sl-table" data-testid="timing-table">
        <thead>
          <tr>
            <th>State</th>
            <th className="wrap-anywhere">{labels.a}</th>
            <th className="wrap-anywhere">{labels.b}</th>
            <th>Difference</th>
          </tr>
        </thead>
        <tbody>
          {model.timing.map((t) => (
            <tr key={t.stateName}>
              <td>{t.stateName}</td>
              <td className="mono">{formatDuration(t.aMs)}</td>
              <td className="mono">{formatDuration(t.bMs)}</td>
              <td className={`mono sl-tone-${t.tone}`}>
                {t.deltaMs > 0 ? "+" : ""}
                {formatDuration(t.deltaMs)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Side({ side, label, testId }: { side: CompareSide; label: string; testId: string }) {
  return (
    <Panel title={label} testId={testId}>
      <p>
        <Link href={`/executions/${encodeURIComponent(side.id)}`}>{side.name}</Link>{" "}
        <span data-testid={`${testId}-status`}>
          <StatusBadge status={side.status} />
        </span>
      </p>
      <p className="sl-muted">
        {side.source} · {side.events.length} events · {formatDuration(side.durationMs)}
      </p>
    </Panel>
  );
}
