import type { GroupWhatIfEvent } from "../replay/what-if-group";

export type WhatIfStreamEvent = GroupWhatIfEvent | { type: "error"; error: string };

/** Complete NDJSON lines of `buffer` parsed, and the incomplete rest. */
export function takeLines(buffer: string): { events: WhatIfStreamEvent[]; rest: string } {
  const parts = buffer.split("\n");
  const rest = parts.pop() ?? "";
  return { events: parts.filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as WhatIfStreamEvent), rest };
}

/**
 * POST /api/failure-groups/{key}/what-if and hands each streamed event to `onEvent` as it arrives
 * (progress rows, then the summary). Throws with the API's message when the request is refused.
 */
export async function runGroupWhatIf(
  key: string,
  body: { since: string; until: string; definition?: string; input?: unknown },
  onEvent: (event: WhatIfStreamEvent) => void,
): Promise<void> {
  const response = await fetch(`/api/failure-groups/${encodeURIComponent(key)}/what-if`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok || !response.body) {
    const payload = (await response.json().catch(() => ({}))) as { error?: string; issues?: string[] };
    throw new Error([payload.error ?? `HTTP ${response.status}`, ...(payload.issues ?? [])].join(": "));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const { events, rest } = takeLines(buffer + value);
    buffer = rest;
    for (const event of events) onEvent(event);
  }
  for (const event of takeLines(`${buffer}\n`).events) onEvent(event);
}

/** The definition a group's executions ran (its newest sample's), to start editing from. */
export async function fetchExecutionDefinition(executionId: string): Promise<string | null> {
  const response = await fetch(`/api/executions/${encodeURIComponent(executionId)}`, { cache: "no-store" });
  if (!response.ok) return null;
  const body = (await response.json()) as { execution?: { definition?: string | null } };
  return body.execution?.definition ?? null;
}
