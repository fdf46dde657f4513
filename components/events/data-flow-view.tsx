"use client";

import { useEffect, useState } from "react";
import { dataFlowSteps, type DataFlow, type DataFlowRun, type DataFlowStep } from "@/lib/asl/data-flow";
import { stringifyJson } from "@/lib/asl/evaluate/stringify-json";
import { JsonDiff } from "../json/json-diff";
import { JsonViewer } from "../json/json-viewer";

/**
 * The state's input and output processing, step by step, computed by the bundled interpreter from
 * the recorded input and result: each step with the field as written, its value, and what it
 * changed against the step before.
 */
export function DataFlowView({ run }: { run: DataFlowRun | null }) {
  const [flow, setFlow] = useState<{ for: DataFlowRun; flow: DataFlow } | null>(null);
  useEffect(() => {
    if (!run) return;
    let live = true;
    void dataFlowSteps(run).then((computed) => live && setFlow({ for: run, flow: computed }));
    return () => {
      live = false;
    };
  }, [run]);
  if (!run)
    return (
      <div className="sl-empty-note" data-testid="data-flow">
        The history has no input for this run.
      </div>
    );
  if (!flow || flow.for !== run)
    return (
      <div className="sl-muted" role="status" data-testid="data-flow-loading">
        Computing the steps…
      </div>
    );
  const { steps, matchesRecorded } = flow.flow;
  return (
    <div className="sl-data-flow" data-testid="data-flow">
      {matchesRecorded === false ? (
        <p className="sl-warn-note" data-testid="data-flow-mismatch">
          The computed output differs from the recorded one: the history may lack a value the state read (context fields, variables from
          another scope, random functions).
        </p>
      ) : matchesRecorded ? (
        <p className="sl-muted sl-small" data-testid="data-flow-match">
          The last step equals the recorded output.
        </p>
      ) : null}
      <ol className="sl-data-flow-steps">
        {steps.map((step, i) => (
          <StepView key={`${step.field}-${i}`} step={step} previous={previousValue(steps, i)} />
        ))}
      </ol>
    </div>
  );
}

function StepView({ step, previous }: { step: DataFlowStep; previous: DataFlowStep | undefined }) {
  const [showDiff, setShowDiff] = useState(false);
  const hasValue = "value" in step;
  const changed = hasValue && previous !== undefined && stringifyJson(previous.value) !== stringifyJson(step.value);
  return (
    <li className="sl-data-flow-step" data-testid="data-flow-step" data-field={step.field}>
      <div className="sl-data-flow-head">
        <strong>{step.field}</strong>
        {step.expression !== undefined ? (
          <code className="sl-data-flow-expr wrap-anywhere" data-testid="data-flow-expression">
            {typeof step.expression === "string" ? step.expression : stringifyJson(step.expression)}
          </code>
        ) : step.field !== "Input" && step.field !== "Result" && step.field !== "Error output" ? (
          <span className="sl-muted sl-small">(not set: the value passes through)</span>
        ) : null}
        {step.recorded ? <span className="sl-muted sl-small">recorded</span> : null}
        {step.note ? (
          <span className="sl-small" data-testid="data-flow-note">
            {step.note}
          </span>
        ) : null}
        {hasValue && previous !== undefined ? (
          changed ? (
            <button type="button" className="sl-link-button" onClick={() => setShowDiff((v) => !v)} data-testid="data-flow-diff-toggle">
              {showDiff ? "Show value" : `Diff with ${previous.field}`}
            </button>
          ) : (
            <span className="sl-muted sl-small" data-testid="data-flow-unchanged">
              unchanged
            </span>
          )
        ) : null}
      </div>
      {step.error !== undefined ? (
        <div className="sl-text-fail mono wrap-anywhere" data-testid="data-flow-error">
          {step.error}
        </div>
      ) : step.unavailable !== undefined ? (
        <div className="sl-muted" data-testid="data-flow-unavailable">
          {step.unavailable}
        </div>
      ) : showDiff && previous ? (
        <JsonDiff
          before={stringifyJson(previous.value) ?? null}
          after={stringifyJson(step.value) ?? null}
          beforeTitle={previous.field}
          afterTitle={step.field}
          testId="data-flow-diff"
        />
      ) : changed || previous === undefined ? (
        <JsonViewer value={step.value} collapseDepth={3} maxRows={400} testId="data-flow-value" />
      ) : null}
    </li>
  );
}

/**
 * The step this one transforms: ResultPath places the result into the state's raw input, so it is
 * compared with the input; any other step with the nearest earlier step that has a value.
 */
function previousValue(steps: DataFlowStep[], index: number): DataFlowStep | undefined {
  if (steps[index].field === "ResultPath" || steps[index].field === "Catch ResultPath") return steps.find((s) => s.field === "Input");
  for (let i = index - 1; i >= 0; i--) if ("value" in steps[i]) return steps[i];
  return undefined;
}
