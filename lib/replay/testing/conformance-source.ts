import type { ConformanceCase } from "../../conformance/case-types";
import { prepareCase } from "../../conformance/prepare-case";
import { pythonJsonText } from "../../conformance/python-json-text";
import { contextFor } from "../../conformance/run-case";
import type { ReplayEvent } from "../history-threads";
import type { ReplaySource } from "../replay-execution";

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
