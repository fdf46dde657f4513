import { checkpoints, defaultCheckpoint } from "@/lib/replay/checkpoints";
import type { EventDto } from "@/lib/model/execution";

export interface CheckpointOption {
  /** "start", or the checkpoint's event id (a state's entry, or a retried attempt's Scheduled event) */
  value: string;
  /** e.g. `#14 ProcessItems › item 3 › ChargeCard (attempt 2) · Task` */
  label: string;
  /** 0 at the top level, +1 per Map iteration / Parallel branch around the state */
  depth: number;
  /** the state's input as it entered, pretty-printed (the execution input for "start") */
  inputText: string;
}

export interface ReplayForm {
  options: CheckpointOption[];
  /** the entry of the state the execution failed in, else the last one */
  defaultValue: string;
  /** why the execution cannot be replayed, when it cannot */
  problem: string | null;
}

const pretty = (value: unknown) => JSON.stringify(value ?? null, null, 2);

/**
 * The checkpoints a user can replay from, labelled, with the default pick: the start, every
 * state entry (inside Map iterations and Parallel branches too) and every retried Task attempt.
 */
export function prepareReplayForm(events: readonly EventDto[], definition: string | null, executionInput: string | null): ReplayForm {
  const start: CheckpointOption = {
    value: "start",
    label: "The start (execution input)",
    depth: 0,
    inputText: executionInput ? pretty(safeParse(executionInput)) : "{}",
  };
  if (!definition)
    return { options: [start], defaultValue: "start", problem: "This execution has no stored definition, so it cannot be replayed." };
  let list: ReturnType<typeof checkpoints>;
  try {
    list = checkpoints(events, definition);
  } catch (error) {
    return { options: [start], defaultValue: "start", problem: (error as Error).message };
  }
  const options = [
    start,
    ...list.map((c): CheckpointOption => {
      let text: string | undefined;
      return {
        value: String(c.eventId),
        label: `#${c.eventId} ${c.label} · ${c.stateType}`,
        depth: c.path.length,
        // Printed when picked: a Map of thousands of items would otherwise print every input up front.
        get inputText() {
          return (text ??= pretty(c.input));
        },
      };
    }),
  ];
  const picked = defaultCheckpoint(list, events);
  return { options, defaultValue: picked ? String(picked.eventId) : "start", problem: null };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Parses the edited input; the message says where the JSON breaks. */
export function checkJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!text.trim()) return { ok: false, message: "The input is empty: write a JSON value (e.g. {})." };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
}
