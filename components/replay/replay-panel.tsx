"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { EventDto } from "@/lib/model/execution";
import { defaultMissingRule } from "@/lib/replay/default-missing-rule";
import { Panel } from "../ui/panel";
import { checkJsonText, prepareReplayForm } from "./prepare-replay-form";
import { ReplayQueryProvider } from "./query-provider";
import { useReplayMutation } from "./use-replay-mutation";

export interface ReplayPanelProps {
  execution: { id: string; stateMachineName: string; definition: string | null; input: string | null };
  events: EventDto[];
}

/** Replay this execution from a checkpoint with an edited input, then compare it with the original. */
export function ReplayPanel(props: ReplayPanelProps) {
  return (
    <ReplayQueryProvider>
      <ReplayForm {...props} />
    </ReplayQueryProvider>
  );
}

function ReplayForm({ execution, events }: ReplayPanelProps) {
  const router = useRouter();
  const form = useMemo(() => prepareReplayForm(events, execution.definition, execution.input), [events, execution.definition, execution.input]);
  const [from, setFrom] = useState(form.defaultValue);
  const original = form.options.find((o) => o.value === from) ?? form.options[0];
  const [edited, setEdited] = useState<{ from: string; text: string } | null>(null);
  const text = edited && edited.from === from ? edited.text : original.inputText;
  // The bundled example machines' handlers can answer calls the recording lacks; anything else fails them.
  const [missing, setMissing] = useState(() => defaultMissingRule(execution.stateMachineName));
  const checked = checkJsonText(text);
  const mutation = useReplayMutation(execution.id);

  const submit = () => {
    if (!checked.ok) return;
    const body = {
      ...(from === "start" ? {} : { from: Number(from) }),
      ...(text !== original.inputText ? { input: checked.value } : {}),
      missing,
    };
    mutation.mutate(body, { onSuccess: (r) => router.push(`/compare?a=${encodeURIComponent(execution.id)}&b=${encodeURIComponent(r.replayId)}`) });
  };

  return (
    <Panel title="Replay" testId="replay-panel">
      {form.problem ? (
        <p className="sl-muted" data-testid="replay-unavailable">{form.problem}</p>
      ) : (
        <div style={{ display: "grid", gap: 8 }}>
          <label>
            Start from{" "}
            <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="replay-checkpoint">
              {form.options.map((o) => (
                <option key={o.value} value={o.value}>{"\u00a0\u00a0".repeat(o.depth)}{o.label}</option>
              ))}
            </select>
          </label>
          <label htmlFor="replay-input">Input of that state (edit it to try a fix; for a retried attempt, the input that attempt works on)</label>
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
          {!checked.ok && <div className="errorbox" role="alert" data-testid="replay-input-error">{checked.message}</div>}
          <label>
            Task calls the recording has no result for:{" "}
            <select value={missing} onChange={(e) => setMissing(e.target.value as "fail" | "examples")} data-testid="replay-missing">
              <option value="examples">answer with the bundled example handlers</option>
              <option value="fail">fail them (statelens.NoRecordedResult)</option>
            </select>
          </label>
          <div>
            <button type="button" className="primary" onClick={submit} disabled={!checked.ok || mutation.isPending} data-testid="replay-submit">
              {mutation.isPending ? "Replaying…" : "Replay"}
            </button>{" "}
            {text !== original.inputText && (
              <button type="button" onClick={() => setEdited(null)} data-testid="replay-reset">Reset input</button>
            )}
          </div>
          {mutation.error && <div className="errorbox" role="alert" data-testid="replay-error">{mutation.error.message}</div>}
        </div>
      )}
    </Panel>
  );
}
