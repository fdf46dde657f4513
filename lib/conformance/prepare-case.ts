import type { ConformanceCase } from "./case-types";
import type { RecordedTaskResult } from "./recorded-task-invoker";

/** What the harness feeds the engine for one case, and what it must mask back afterwards. */
export interface PreparedCase {
  definition: unknown;
  taskResults: RecordedTaskResult[];
  /** Values the harness substituted for masked placeholders -> the placeholder to restore. */
  restore: Map<string, string>;
}

/**
 * Activity ARNs were masked in the recordings to a bare name (`activity_arn`), which no engine
 * can recognise as an activity. Such Task resources are swapped for an activity ARN built from
 * the name, and `restore` maps that ARN back to the name when masking the run.
 */
function resolveActivityPlaceholders(definition: unknown, placeholders: Set<string>, restore: Map<string, string>): unknown {
  if (placeholders.size === 0) return definition;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value);
    if (out.Type === "Task" && typeof out.Resource === "string" && placeholders.has(out.Resource)) {
      const arn = `arn:aws:states:us-east-1:111111111111:activity:${out.Resource}`;
      restore.set(arn, out.Resource);
      out.Resource = arn;
    }
    return out;
  };
  return walk(definition);
}

/** The recorded worker names of `ActivityStarted` events, in history order. */
function activityWorkers(c: ConformanceCase): string[] {
  const names: string[] = [];
  for (const event of c.expected.events ?? []) {
    const details = event.activityStartedEventDetails as { workerName?: unknown } | undefined;
    if (event.type === "ActivityStarted" && typeof details?.workerName === "string") names.push(details.workerName);
  }
  return names;
}

/**
 * Prepares a case for the engine: the recorded service calls as task results (activity calls
 * also carry their recorded worker name) and the definition with masked activity resources
 * resolved.
 */
export function prepareCase(c: ConformanceCase): PreparedCase {
  const calls = c.service_calls ?? [];
  const workers = activityWorkers(c);
  const taskResults: RecordedTaskResult[] = calls.map((call) => {
    const result: RecordedTaskResult = {
      state: call.state,
      kind: call.kind,
      outcome: call.outcome,
      request: call.request,
      output: call.output,
      error: call.error,
      cause: call.cause,
      submitted: call.submitted,
    };
    if (call.kind === "Activity" && workers.length) result.workerName = workers.shift();
    return result;
  });
  const placeholders = new Set(
    calls.filter((call) => call.kind === "Activity" && !call.resource.startsWith("arn:")).map((call) => call.resource),
  );
  const restore = new Map<string, string>();
  const definition = resolveActivityPlaceholders(c.definition, placeholders, restore);
  return { definition, taskResults, restore };
}
