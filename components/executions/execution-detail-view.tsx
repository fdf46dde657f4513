"use client";

import Link from "next/link";
import type { EventDto, ExecutionDto } from "@/lib/model/execution";
import { formatDuration, formatTime } from "./format";
import { PayloadBlock } from "./payload-block";
import { SimpleEventTable } from "./simple-event-table";

export interface ExecutionDetail extends ExecutionDto {
  versionNumber: number | null;
  incomplete: string | null;
  stateMachineId: string;
  replayOf: { id: string; name: string } | null;
  replayCheckpoint: string | null;
  replayEdits: string | null;
}

interface Props {
  execution: ExecutionDetail;
  events: EventDto[];
  initialState: string | null;
}

export function ExecutionDetailView({ execution: e, events }: Props) {
  const durationMs = e.stopDate ? Date.parse(e.stopDate) - Date.parse(e.startDate) : null;
  return (
    <div data-testid="execution-detail">
      <p className="muted"><Link href="/executions">Executions</Link> / {e.stateMachineName}</p>
      <h1>
        {e.name} <span className={`badge ${e.status}`} data-testid="execution-status">{e.status}</span>
      </h1>
      <dl className="kv">
        <dt>State machine</dt><dd><Link href={`/state-machines/${e.stateMachineId}`}>{e.stateMachineName}</Link>{e.versionNumber !== null && ` (version ${e.versionNumber})`}</dd>
        <dt>Execution ARN</dt><dd className="mono">{e.executionArn}</dd>
        <dt>Type / source</dt><dd>{e.type} · {e.source}</dd>
        <dt>Started</dt><dd className="mono">{formatTime(e.startDate)}</dd>
        <dt>Stopped</dt><dd className="mono">{formatTime(e.stopDate)} ({formatDuration(durationMs)})</dd>
        {e.redriveCount > 0 && (<><dt>Redrives</dt><dd>{e.redriveCount}</dd></>)}
        {e.replayOf && (<><dt>Replay of</dt><dd><Link href={`/executions/${e.replayOf.id}`}>{e.replayOf.name}</Link>{e.replayCheckpoint && ` from ${e.replayCheckpoint}`}</dd></>)}
      </dl>
      {e.incomplete && <div className="errorbox" role="status">Partial history: {e.incomplete}</div>}
      {(e.error || e.cause) && (
        <div className="errorbox" data-testid="execution-error">
          <strong className="mono">{e.error}</strong>
          {e.cause && <pre className="payload" style={{ background: "transparent", border: 0, padding: "4px 0 0" }}>{e.cause}</pre>}
        </div>
      )}
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 12 }}>
        <PayloadBlock title="Input" text={e.input} testId="execution-input" />
        <PayloadBlock title="Output" text={e.output} testId="execution-output" />
      </div>
      <h2>Events ({events.length})</h2>
      <SimpleEventTable events={events} />
    </div>
  );
}
