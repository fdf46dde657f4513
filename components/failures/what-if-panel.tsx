"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { fetchExecutionDefinition, runGroupWhatIf } from "@/lib/queries/group-what-if";
import type { GroupWhatIfSummary } from "@/lib/replay/what-if-group";
import type { WhatIfRow } from "@/lib/replay/what-if";
import { StatusBadge } from "../ui/status-badge";

interface Props {
  groupKey: string;
  count: number;
  range: { since: string; until: string };
  /** the group's newest execution: its definition is where editing starts */
  latestExecutionId: string | null;
}

/**
 * What-if over a failure group: edit the definition (and, optionally, one input for all), replay
 * every execution of the group with it, and see per execution what it did then and would do now.
 */
export function WhatIfPanel({ groupKey, count, range, latestExecutionId }: Props) {
  const [definition, setDefinition] = useState<string | null>(latestExecutionId ? null : "");
  const [replaceInput, setReplaceInput] = useState(false);
  const [input, setInput] = useState("{}");
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [rows, setRows] = useState<WhatIfRow[]>([]);
  const [summary, setSummary] = useState<GroupWhatIfSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!latestExecutionId) return;
    let live = true;
    fetchExecutionDefinition(latestExecutionId).then((text) => {
      if (live) setDefinition(text ? JSON.stringify(JSON.parse(text), null, 2) : "");
    });
    return () => {
      live = false;
    };
  }, [latestExecutionId]);

  async function run() {
    setError(null);
    setRows([]);
    setSummary(null);
    setProgress(null);
    let parsedInput: unknown;
    if (replaceInput) {
      try {
        parsedInput = JSON.parse(input);
      } catch (e) {
        return setError(`the input is not JSON: ${(e as Error).message}`);
      }
    }
    setRunning(true);
    try {
      await runGroupWhatIf(
        groupKey,
        { ...range, ...(definition ? { definition } : {}), ...(replaceInput ? { input: parsedInput } : {}) },
        (event) => {
          if (event.type === "start") setProgress({ done: 0, total: event.total });
          if (event.type === "row") {
            setProgress({ done: event.done, total: event.total });
            setRows((all) => [...all, event.row]);
          }
          if (event.type === "done") setSummary(event.summary);
          if (event.type === "error") setError(event.error);
        },
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  }

  return (
    <section className="what-if" data-testid="what-if-panel">
      <h3>What if… (replays {count > 200 ? "the oldest 200" : `all ${count}`} executions; nothing is stored)</h3>
      <label className="what-if-field">
        Definition
        <textarea
          value={definition ?? ""}
          placeholder={definition === null ? "loading the definition…" : "the definition to run (JSON)"}
          onChange={(e) => setDefinition(e.target.value)}
          rows={12}
          spellCheck={false}
          className="mono"
          data-testid="what-if-definition"
        />
      </label>
      <label className="what-if-check">
        <input
          type="checkbox"
          checked={replaceInput}
          onChange={(e) => setReplaceInput(e.target.checked)}
          data-testid="what-if-replace-input"
        />
        Run every execution with this input instead of its own
      </label>
      {replaceInput && (
        <textarea
          value={input}
          onChange={(e) => setInput(e.target.value)}
          rows={4}
          spellCheck={false}
          className="mono"
          data-testid="what-if-input"
        />
      )}
      <div className="what-if-actions">
        <button type="button" className="primary" disabled={running || definition === null} onClick={run} data-testid="what-if-run">
          {running ? "Replaying…" : "Run what-if"}
        </button>
        {progress && (
          <span data-testid="what-if-progress">
            <progress max={progress.total} value={progress.done} /> {progress.done} / {progress.total}
          </span>
        )}
      </div>
      {error && (
        <div className="errorbox" role="alert" data-testid="what-if-error">
          {error}
        </div>
      )}
      {summary && (
        <p data-testid="what-if-summary">
          {summary.nowSucceed} of {summary.total} would now succeed; {summary.stillFail} still fail
          {summary.problems ? `; ${summary.problems} could not be replayed` : ""}.
        </p>
      )}
      {rows.length > 0 && (
        <table className="grid" data-testid="what-if-results">
          <thead>
            <tr>
              <th>Execution</th>
              <th>Original</th>
              <th>What-if</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="what-if-row">
                <td className="wrap-anywhere">
                  <Link href={`/executions/${encodeURIComponent(row.id)}`}>{row.name}</Link>
                </td>
                <td>
                  <StatusBadge status={row.before} />
                </td>
                <td>{row.problem ? <span className="muted">not replayed</span> : <StatusBadge status={row.after} />}</td>
                <td className="wrap-anywhere">{row.problem ?? row.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
