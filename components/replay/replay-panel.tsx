"use client";

import { useRouter } from "next/navigation";
import { useDeferredValue, useMemo, useState } from "react";
import type { EventDto } from "@/lib/model/execution";
import { defaultMissingRule } from "@/lib/examples/example-invoker";
import { Panel } from "../ui/panel";
import { filterCheckpoints } from "./filter-checkpoints";
import { checkJsonText, prepareReplayForm } from "./prepare-replay-form";
import { ReplayQueryProvider } from "./query-provider";
import { useReplayMutation } from "./use-replay-mutation";

export interface ReplayPanelProps {
  execution: { id: string; stateMachineName: string; source: string; definition: string | null; input: string | null };
  events: EventDto[];
}

/**
 * Replay this execution from a checkpoint with an edited input, then compare it with the original.
 * Closed until asked for: a long history has thousands of checkpoints, listed only once opened.
 */
export function ReplayPanel(props: ReplayPanelProps) {
  const [open, setOpen] = useState(false);
  // once built, the form stays mounted (hidden when closed) so a half-edited input survives closing
  const [built, setBuilt] = useState(false);
  const toggle = (
    <button
      type="button"
      onClick={() => {
        setOpen(!open);
        setBuilt(true);
      }}
      aria-expanded={open}
      aria-controls="replay-form"
      data-testid="replay-toggle"
    >
      {open ? "Close" : "Replay…"}
    </button>
  );
  return (
    <Panel title="Replay" actions={toggle} testId="replay-panel">
      {!open && (
        <p className="sl-muted">
          Run this execution again from any state entry or retried attempt, with an edited input, and compare it with the original.
        </p>
      )}
      {built && (
        <div id="replay-form" hidden={!open}>
          <ReplayQueryProvider>
            <ReplayForm {...props} />
          </ReplayQueryProvider>
        </div>
      )}
    </Panel>
  );
}

function ReplayForm({ execution, events }: ReplayPanelProps) {
  const router = useRouter();
  const form = useMemo(
    () => prepareReplayForm(events, execution.definition, execution.input),
    [events, execution.definition, execution.input],
  );
  const [from, setFrom] = useState(form.defaultValue);
  const [query, setQuery] = useState("");
  // typing stays responsive while thousands of options are filtered and redrawn
  const deferredQuery = useDeferredValue(query);
  const shown = useMemo(() => filterCheckpoints(form.options, deferredQuery, from), [form.options, deferredQuery, from]);
  const original = form.options.find((o) => o.value === from) ?? form.options[0];
  const [edited, setEdited] = useState<{ from: string; text: string } | null>(null);
  const text = edited && edited.from === from ? edited.text : original.inputText;
  // The bundled example machines' handlers can answer calls the recording lacks; anything else fails them.
  const [missing, setMissing] = useState(() => defaultMissingRule(execution));
  const checked = checkJsonText(text);
  const mutation = useReplayMutation(execution.id);

  const submit = () => {
    if (!checked.ok) return;
    const body = {
      ...(from === "start" ? {} : { from: Number(from) }),
      ...(text !== original.inputText ? { input: checked.value } : {}),
      missing,
    };
    mutation.mutate(body, {
      onSuccess: (r) => router.push(`/compare?a=${encodeURIComponent(execution.id)}&b=${encodeURIComponent(r.replayId)}`),
    });
  };

  return (
    <>
      {form.problem ? (
        <p className="sl-muted" data-testid="replay-unavailable">
          {form.problem}
        </p>
      ) : (
        <div style={{ display: "grid", gap: 8 }}>
          <div>
            <label>
              Find a checkpoint{" "}
              <input
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder="state name, item, attempt, #event"
                data-testid="replay-checkpoint-filter"
              />
            </label>{" "}
            <span className="sl-muted" data-testid="replay-checkpoint-count">
              {shown.length === form.options.length
                ? `${form.options.length} checkpoints`
                : `${shown.length} of ${form.options.length} checkpoints`}
            </span>
          </div>
          <label>
            Start from{" "}
            <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="replay-checkpoint">
              {shown.map((o) => (
                <option key={o.value} value={o.value}>
                  {"\u00a0\u00a0".repeat(o.depth)}
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor="replay-input">
            Input of that state (edit it to try a fix; for a retried attempt, the input that attempt works on)
          </label>
          <textarea
            id="replay-input"
            className="mono"
            rows={Math.min(18, Math.max(4, text.split("\n").length))}
            spellCheck={false}
            value={text}
            onChange={(e) => setEdited({ from, text: e.target.value })}
            aria-invalid={!checked.ok}
            data-testid="replay-input"
          />
          {!checked.ok && (
            <div className="errorbox" role="alert" data-testid="replay-input-error">
              {checked.message}
            </div>
          )}
          <label>
            Task calls the recording has no result for:{" "}
            <select value={missing} onChange={(e) => setMissing(e.target.value as "fail" | "examples")} data-testid="replay-missing">
              <option value="examples">answer with the bundled example handlers</option>
              <option value="fail">fail them (statelens.NoRecordedResult)</option>
            </select>
          </label>
          <div>
            <button
              type="button"
              className="primary"
              onClick={submit}
              disabled={!checked.ok || mutation.isPending}
              data-testid="replay-submit"
            >
              {mutation.isPending ? "Replaying…" : "Replay"}
            </button>{" "}
            {text !== original.inputText && (
              <button type="button" onClick={() => setEdited(null)} data-testid="replay-reset">
                Reset input
              </button>
            )}
          </div>
          {mutation.error && (
            <div className="errorbox" role="alert" data-testid="replay-error">
              {mutation.error.message}
            </div>
          )}
        </div>
      )}
    </>
  );
}
