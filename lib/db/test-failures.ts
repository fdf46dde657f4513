import type { HistoryEvent } from "../asl/history/types";
import type { IngestedExecution } from "../ingest/types";

/** Failed, timed-out and succeeded executions of a one-Task machine, for the failure-group tests. */
export const T0 = Date.UTC(2026, 10, 2, 9);
const DEFINITION = JSON.stringify({
  StartAt: "Charge",
  States: { Charge: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Next: "Done" }, Done: { Type: "Succeed" } },
});

export function eventsOf(items: [string, Record<string, unknown>?][], at: number): HistoryEvent[] {
  return items.map(([type, details], i) => {
    const event: HistoryEvent = { id: i + 1, previousEventId: i, timestamp: new Date(at + i * 1000), type };
    const key = /StateEntered$/.test(type)
      ? "stateEnteredEventDetails"
      : /StateExited$/.test(type)
        ? "stateExitedEventDetails"
        : `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
    if (details) event[key as `${string}EventDetails`] = details;
    return event;
  });
}

export interface Spec {
  name: string;
  machine?: string;
  at?: number;
  /** the failing Task's error and cause; "none" = no history at all; "timeout" = the execution timed out in Charge */
  failure: { error: string; cause: string } | "none" | "timeout" | "success";
  source?: IngestedExecution["source"];
}

export function failingExecution(spec: Spec): IngestedExecution {
  const machine = spec.machine ?? "Orders";
  const at = spec.at ?? T0;
  const f = spec.failure;
  const items: [string, Record<string, unknown>?][] = [
    ["ExecutionStarted", { input: "{}" }],
    ["TaskStateEntered", { name: "Charge", input: "{}" }],
    ["TaskScheduled", { resource: "invoke", resourceType: "lambda" }],
  ];
  if (typeof f === "object")
    items.push(["TaskFailed", { error: f.error, cause: f.cause }], ["ExecutionFailed", { error: f.error, cause: f.cause }]);
  if (f === "timeout")
    items.push(["ExecutionTimedOut", { error: "States.Timeout", cause: "The execution timed out at 2026-11-02T10:00:00Z" }]);
  if (f === "success")
    items.push(
      ["TaskSucceeded", { output: "{}" }],
      ["TaskStateExited", { name: "Charge", output: "{}" }],
      ["ExecutionSucceeded", { output: "{}" }],
    );
  const status = f === "success" ? "SUCCEEDED" : f === "timeout" ? "TIMED_OUT" : "FAILED";
  return {
    executionArn: `arn:aws:states:us-east-1:123456789012:execution:${machine}:${spec.name}`,
    stateMachineArn: `arn:aws:states:us-east-1:123456789012:stateMachine:${machine}`,
    stateMachineName: machine,
    name: spec.name,
    type: "STANDARD",
    status,
    startDate: new Date(at),
    stopDate: new Date(at + 10_000),
    input: "{}",
    output: null,
    error: typeof f === "object" ? f.error : f === "none" ? "Lost" : f === "timeout" ? "States.Timeout" : null,
    cause: typeof f === "object" ? f.cause : f === "none" ? "history 42 was not kept" : null,
    redriveCount: 0,
    source: spec.source ?? "file",
    definition: DEFINITION,
    events: f === "none" ? [] : eventsOf(items, at),
  };
}

/** One PaymentError whose cause differs per execution only in ids, numbers and times. */
export const declined = (n: number) => ({
  error: "PaymentError",
  cause: `Card ${1000 + n} declined (request ${n}f0c9a2e-1b7d-4c3e-9f21-0a1b2c3d4e5f) at 2026-11-02T09:0${n}:00Z`,
});
