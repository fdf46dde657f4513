"use client";

import { useMemo, useState } from "react";
import type { EventDto, ExecutionRow, StateRunRow } from "../../lib/model/execution";
import { OverTimeDashboard } from "../charts/over-time-dashboard";
import { EventTable } from "../events/event-table";
import { prepareStateRuns } from "../events/prepare-state-runs";
import { StateInspector } from "../events/state-inspector";
import { syntheticMapHistory } from "../events/synthetic-history";
import { indexDefinition } from "../../lib/asl/definition/definition-model";
import { StateMachineGraph } from "../graph/state-machine-graph";
import { JsonDiff } from "../json/json-diff";
import { JsonViewer } from "../json/json-viewer";
import { ExecutionTimeline } from "../timeline/execution-timeline";
import { Panel } from "./panel";
import { StatusBadge } from "./status-badge";

export interface GallerySample {
  id: string;
  title: string;
  definition: string | null;
  events: EventDto[];
}

const SYNTHETIC = "synthetic-25k";
const NASTY = JSON.stringify({
  html: "<script>alert('xss')</script>",
  img: '<img src=x onerror="alert(1)">',
  nested: { list: [1, "two", null, true, { deep: "</div><b>bold?</b>" }], empty: {} },
  unicode: "ünïcødé ✓",
});

/** Every dashboard component on one page, fed with recorded and synthetic executions (dev only). */
export function ComponentGallery({ samples }: { samples: GallerySample[] }) {
  const [sampleId, setSampleId] = useState(samples[0]?.id ?? SYNTHETIC);
  const sample = useMemo<GallerySample>(() => {
    if (sampleId !== SYNTHETIC) return samples.find((s) => s.id === sampleId) ?? samples[0];
    const big = syntheticMapHistory(3500);
    return { id: SYNTHETIC, title: "Synthetic Map, 25k events", definition: JSON.stringify(big.definition), events: big.events };
  }, [sampleId, samples]);
  const prepared = useMemo(() => prepareStateRuns(sample.events, sample.definition), [sample]);
  const index = useMemo(() => indexDefinition(sample.definition), [sample]);
  const [selection, setSelection] = useState<{ path: string | null; runKey: string | null }>({ path: null, runKey: null });
  const [selectionFor, setSelectionFor] = useState(sample);
  if (selectionFor !== sample) {
    setSelectionFor(sample);
    setSelection({ path: null, runKey: null });
  }
  const charts = useMemo(() => syntheticRows(), []);

  return (
    <div className="sl-gallery" style={{ display: "flex", flexDirection: "column", gap: 14 }} data-testid="component-gallery">
      <div style={{ display: "flex", gap: 10, alignItems: "center", flexWrap: "wrap" }}>
        <label>
          Execution{" "}
          <select value={sample.id} onChange={(e) => setSampleId(e.target.value)} data-testid="gallery-sample">
            {samples.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
            <option value={SYNTHETIC}>Synthetic Map, 25k events</option>
          </select>
        </label>
        <span className="sl-muted">{sample.events.length} events · execution</span>
        <StatusBadge status={prepared.execution.status} />
        <span className="sl-spacer" />
        {["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "RUNNING", "PENDING_REDRIVE", "caught", "retried", "not-reached"].map((s) => (
          <StatusBadge key={s} status={s} />
        ))}
      </div>
      <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 3fr) minmax(0, 2fr)", gap: 14 }}>
        <StateMachineGraph
          key={sample.id}
          definition={sample.definition}
          events={sample.events}
          prepared={prepared}
          selectedPath={selection.path}
          onSelectState={(s) => setSelection({ path: s.path, runKey: null })}
          height={560}
        />
        <Panel title="State">
          <StateInspector
            prepared={prepared}
            statePath={selection.path}
            runKey={selection.runKey}
            definitionState={selection.path ? (index?.states.get(selection.path)?.def ?? null) : null}
          />
        </Panel>
      </div>
      <Panel title="Timeline">
        <ExecutionTimeline
          events={sample.events}
          prepared={prepared}
          selectedRunKey={selection.runKey}
          onSelectState={(s) => setSelection({ path: s.statePath, runKey: s.runKey })}
        />
      </Panel>
      <Panel title="Events">
        <EventTable
          key={sample.id}
          events={sample.events}
          prepared={prepared}
          onSelectState={(s) => setSelection({ path: s.statePath, runKey: s.runKey })}
        />
      </Panel>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 14 }}>
        <Panel title="JSON viewer (untrusted payload)">
          <JsonViewer text={NASTY} testId="gallery-json" />
        </Panel>
        <Panel title="JSON diff">
          <JsonDiff
            before={JSON.stringify({ order: 7, status: "NEW", items: [1, 2, 3], note: "<b>hi</b>" })}
            after={JSON.stringify({ order: 7, status: "PAID", items: [1, 5], total: 12.5 })}
            testId="gallery-diff"
          />
        </Panel>
      </div>
      <Panel title="Over time (synthetic rows)">
        <OverTimeDashboard executions={charts.executions} stateRuns={charts.stateRuns} />
      </Panel>
    </div>
  );
}

/** Two weeks of made-up executions and state runs for the charts. */
function syntheticRows(): { executions: ExecutionRow[]; stateRuns: StateRunRow[] } {
  let seed = 11;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const executions: ExecutionRow[] = [];
  const stateRuns: StateRunRow[] = [];
  const start = Date.parse("2026-09-18T00:00:00Z");
  const errors = ["Lambda.Unknown", "States.Timeout", "Card.Declined", "States.TaskFailed"];
  for (let i = 0; i < 1400; i++) {
    const t = start + random() * 14 * 86_400_000;
    const version = t > start + 9 * 86_400_000 ? "v3" : t > start + 4 * 86_400_000 ? "v2" : "v1";
    const roll = random();
    const status =
      roll < (version === "v2" ? 0.18 : 0.06)
        ? "FAILED"
        : roll < 0.08 && version !== "v2"
          ? "TIMED_OUT"
          : roll > 0.995
            ? "ABORTED"
            : "SUCCEEDED";
    const date = new Date(t).toISOString();
    executions.push({
      startDate: date,
      status,
      durationMs: Math.round(800 + random() * 4000 + (version === "v3" ? 1500 : 0)),
      error: status === "FAILED" ? errors[Math.floor(random() * errors.length)] : null,
      version,
      redriveCount: random() < 0.02 ? 1 : 0,
    });
    for (const stateName of ["Validate", "Charge", "Ship", "Notify"]) {
      const flaky = stateName === "Charge" ? 0.2 : stateName === "Ship" ? 0.08 : 0.01;
      const attempts = random() < flaky ? 2 + Math.floor(random() * 2) : 1;
      const caught = stateName === "Notify" && random() < 0.05;
      stateRuns.push({
        stateName,
        startDate: date,
        attempts,
        failed: status === "FAILED" && stateName === "Charge",
        caught,
        error: caught ? "SNS.Throttled" : attempts > 1 ? "Lambda.TooManyRequestsException" : null,
      });
    }
  }
  return { executions, stateRuns };
}
