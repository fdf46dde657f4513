import type { ConformanceCase } from "../../lib/conformance/case-types";
import { prepareCase } from "../../lib/conformance/prepare-case";
import { pythonJsonText } from "../../lib/conformance/python-json-text";
import { contextFor } from "../../lib/conformance/run-case";
import type { ReplayEvent } from "../../lib/replay/history-threads";
import type { ReplaySource } from "../../lib/replay/replay-execution";

/**
 * A recorded conformance case as an execution to replay: its recorded history (oldest first),
 * its definition (masked activity ARNs resolved) and the context it ran with. The recording
 * parsed JSON-text payloads into objects; the legacy Lambda integration's error causes are
 * turned back into the Python-formatted text AWS wrote, everything else is read as it is.
 */
export function conformanceSource(c: ConformanceCase): { source: ReplaySource; restore: Map<string, string> } {
  const context = contextFor(c);
  const prepared = prepareCase(c);
  // The recorded order (oldest first); events a recorder renumbered (id [0]) stay where they are.
  const recorded = [...(c.expected.events ?? [])];
  if (c.notes?.reverse_order === true) recorded.reverse();
  const events = recorded.map((event) => {
    const out: Record<string, unknown> = { ...event };
    if (!/^LambdaFunction(Failed|TimedOut)$/.test(event.type)) return out;
    for (const [key, value] of Object.entries(event)) {
      const details = value as Record<string, unknown> | null;
      if (key.endsWith("EventDetails") && details && typeof details.cause === "object" && details.cause !== null) {
        out[key] = { ...details, cause: pythonJsonText(details.cause) };
      }
    }
    return out;
  }) as unknown as ReplayEvent[];
  return {
    source: {
      executionArn: context.executionArn!,
      name: context.executionName!,
      stateMachineArn: context.stateMachineArn!,
      stateMachineName: context.stateMachineName!,
      definition: prepared.definition as object,
      input: JSON.stringify(c.input),
      startDate: context.startTime,
      status: c.expected.status,
      events,
    },
    restore: prepared.restore,
  };
}
