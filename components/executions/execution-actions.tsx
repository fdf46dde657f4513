"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

interface Props {
  id: string;
  stateMachineName: string;
  source: string;
  input: string | null;
  definition: string | null;
}

/**
 * What a user does with an execution besides reading it: download it (statelens export, definition,
 * input), export it as a regression test (a Step Functions Local mock configuration answering every
 * Task as recorded), and, for the local engine's own executions, start it again with this input
 * or an edited one.
 */
export function ExecutionActions({ id, stateMachineName, source, input, definition }: Props) {
  const href = (format: string) => `/api/executions/${encodeURIComponent(id)}/export?format=${format}`;
  return (
    <div className="execution-actions" data-testid="execution-actions">
      <a className="button" href={href("statelens")} download data-testid="export-execution">
        Export
      </a>
      {definition ? (
        <details className="execution-actions-more">
          <summary className="button">Regression test</summary>
          <div className="execution-actions-menu" data-testid="regression-test">
            <p className="muted sl-small">
              Three files: run them with{" "}
              <code>statelens run definition.json --input input.json --mocks mock-config.json --test-case Recorded</code>, or use the mock
              configuration with Step Functions Local.
            </p>
            <a href={href("mock-config")} download data-testid="export-mock-config">
              mock-config.json
            </a>{" "}
            ·{" "}
            <a href={href("definition")} download>
              definition.json
            </a>{" "}
            ·{" "}
            <a href={href("input")} download>
              input.json
            </a>
          </div>
        </details>
      ) : null}
      {source === "local" && definition ? <StartAgain id={id} stateMachineName={stateMachineName} input={input} /> : null}
    </div>
  );
}

function StartAgain({ id, stateMachineName, input }: Pick<Props, "id" | "stateMachineName" | "input">) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(() => pretty(input));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setError(null);
    try {
      JSON.parse(text);
    } catch (e) {
      setError(`The input is not JSON: ${(e as Error).message}`);
      return;
    }
    setBusy(true);
    try {
      const response = await fetch(`/api/executions/${encodeURIComponent(id)}/start-again`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ input: text }),
      });
      const json = (await response.json().catch(() => ({}))) as { executionArn?: string; error?: string; issues?: string[] };
      if (!response.ok || !json.executionArn) throw new Error(json.issues?.join("; ") ?? json.error ?? `HTTP ${response.status}`);
      await stored(json.executionArn);
      router.push(`/executions/${encodeURIComponent(json.executionArn)}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  if (!open)
    return (
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="start-again">
        Start again…
      </button>
    );
  return (
    <div className="start-again" data-testid="start-again-form">
      <label htmlFor="start-again-input">Input for a new execution of {stateMachineName} on the local engine</label>
      <textarea
        id="start-again-input"
        className="mono"
        rows={Math.min(16, Math.max(4, text.split("\n").length))}
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
        data-testid="start-again-input"
      />
      {error ? (
        <div className="errorbox" role="alert" data-testid="start-again-error">
          {error}
        </div>
      ) : null}
      <div className="execution-actions">
        <button type="button" className="button primary" onClick={start} disabled={busy} data-testid="start-again-submit">
          {busy ? "Starting…" : "Start execution"}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Waits (up to ~15 s) until the engine has stored the new execution, so its page exists. */
async function stored(executionArn: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const response = await fetch(`/api/executions/${encodeURIComponent(executionArn)}`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function pretty(text: string | null): string {
  if (text === null) return "{}";
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
