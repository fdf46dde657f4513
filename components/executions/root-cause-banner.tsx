"use client";

import type { RootCause } from "@/lib/history/root-cause";

interface Props {
  rootCause: RootCause;
  onSelect: (path: string, runKey: string, stateName: string) => void;
}

const ROLE_LABEL = { failed: "failed", caught: "caught", compensation: "then ran", terminal: "ended at" } as const;

/** The failure chain of a failed execution, first thing on its page: where it arose, the Catch, the compensation, the end. */
export function RootCauseBanner({ rootCause: rc, onSelect }: Props) {
  return (
    <section className="errorbox root-cause" data-testid="root-cause" aria-label="Root cause">
      <p>
        <strong>Root cause: </strong>
        <button
          type="button"
          className="linklike mono"
          onClick={() => onSelect(rc.path, rc.runKey, rc.state)}
          data-testid="root-cause-state"
        >
          {rc.path || "(no state)"}
        </button>{" "}
        failed with{" "}
        <strong className="mono" data-testid="root-cause-error">
          {rc.error ?? "an unnamed error"}
        </strong>
        {rc.attempts > 1 && <> after {rc.attempts} attempts</>}
        {rc.caughtBy && (
          <>
            {"; "}caught by {rc.caughtBy.state}&apos;s Catch
            {rc.caughtBy.errorEquals.length > 0 && <span className="mono"> [{rc.caughtBy.errorEquals.join(", ")}]</span>}
            {rc.caughtBy.next && <> → {rc.caughtBy.next}</>}
          </>
        )}
      </p>
      {rc.cause && (
        <pre className="payload root-cause-cause" data-testid="root-cause-cause">
          {rc.cause}
        </pre>
      )}
      {rc.chain.length > 1 && (
        <ol className="failure-chain" data-testid="failure-chain">
          {rc.chain.map((step) => (
            <li key={`${step.role}-${step.runKey}`} data-role={step.role}>
              <span className="muted">{ROLE_LABEL[step.role]} </span>
              <button type="button" className="linklike mono" onClick={() => onSelect(step.path, step.runKey, step.state)}>
                {step.path}
              </button>
              {step.error && step.role !== "caught" && <span className="mono"> ({step.error})</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
