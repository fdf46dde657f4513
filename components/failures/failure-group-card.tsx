"use client";

import Link from "next/link";
import { useState } from "react";
import type { FailureGroup } from "@/lib/model/failures";
import { formatTime } from "../executions/format";
import { FailureSparkline } from "./failure-sparkline";
import { WhatIfPanel } from "./what-if-panel";

const SHOWN_SAMPLES = 5;

interface Props {
  group: FailureGroup;
  bucketStarts: string[];
  range: { since: string; until: string };
}

/** One failure group: what failed where, how often and when, its executions, and what to do about it. */
export function FailureGroupCard({ group, bucketStarts, range }: Props) {
  const [whatIf, setWhatIf] = useState(false);
  const rangeQuery = new URLSearchParams(range).toString();
  const [newest, second] = group.executionIds;
  return (
    <article className="failure-group" data-testid="failure-group" data-key={group.key}>
      <header className="failure-group-head">
        <span className="failure-group-count" data-testid="failure-group-count" title="executions in the range">
          {group.count}
        </span>
        <div className="failure-group-title">
          <div>
            <span className="muted">{group.stateMachine.name}</span> ›{" "}
            <strong data-testid="failure-group-state">{group.state ?? "(execution level)"}</strong>
          </div>
          <div className="mono failure-group-error" data-testid="failure-group-error">
            {group.error ?? "(no error name)"}
          </div>
        </div>
        <FailureSparkline series={group.series} bucketStarts={bucketStarts} />
      </header>
      {group.cause && (
        <pre className="payload failure-group-cause" data-testid="failure-group-cause">
          {group.cause}
        </pre>
      )}
      <dl className="kv failure-group-facts">
        <dt>First seen</dt>
        <dd>{formatTime(group.firstSeen)}</dd>
        <dt>Last seen</dt>
        <dd>{formatTime(group.lastSeen)}</dd>
        <dt>Versions</dt>
        <dd data-testid="failure-group-versions">{group.versions.map((v) => (v === null ? "unknown" : `v${v}`)).join(", ")}</dd>
        <dt>Executions</dt>
        <dd className="failure-group-samples">
          {group.samples.slice(0, SHOWN_SAMPLES).map((s) => (
            <Link key={s.id} href={`/executions/${encodeURIComponent(s.id)}`} data-testid="failure-group-sample" className="wrap-anywhere">
              {s.name}
            </Link>
          ))}
          {group.count > SHOWN_SAMPLES && <span className="muted">and {group.count - SHOWN_SAMPLES} more</span>}
        </dd>
      </dl>
      <div className="failure-group-actions">
        <button type="button" onClick={() => setWhatIf(!whatIf)} aria-expanded={whatIf} data-testid="failure-group-what-if">
          {whatIf ? "Close what-if" : "What if…"}
        </button>
        <a className="button" href={`/api/failure-groups/${group.key}/export?${rangeQuery}`} download data-testid="failure-group-export">
          Export regression tests
        </a>
        {second ? (
          <Link
            className="button"
            href={`/compare?a=${encodeURIComponent(second)}&b=${encodeURIComponent(newest)}`}
            data-testid="failure-group-compare"
          >
            Compare the two newest
          </Link>
        ) : null}
      </div>
      {whatIf && <WhatIfPanel groupKey={group.key} count={group.count} range={range} latestExecutionId={newest ?? null} />}
    </article>
  );
}
