import type { DataFlowRun } from "@/lib/asl/data-flow";
import type { PreparedRuns, StateRun } from "@/lib/history/state-run-types";

export interface ExecutionContextInfo {
  executionArn: string;
  name: string;
  startDate: string;
  input: string | null;
  stateMachineName: string;
}

/**
 * What the history tells about one state run, as the data-flow steps need it: the recorded input,
 * the result (a task's last attempt output; a Parallel's or inline Map's from its branches' or
 * iterations' last outputs), the error that left it, the context object and the variables assigned
 * before it. Null when the run has no recorded input.
 */
export function dataFlowRunOf(
  prepared: PreparedRuns,
  run: StateRun,
  state: Record<string, unknown>,
  machineQueryLanguage: unknown,
  execution: ExecutionContextInfo,
): DataFlowRun | null {
  const input = parse(run.input);
  if (input === undefined) return null;
  const flow: DataFlowRun = {
    state,
    queryLanguage: (state.QueryLanguage ?? machineQueryLanguage) === "JSONata" ? "JSONata" : "JSONPath",
    input,
    context: contextOf(prepared, run, execution),
    variables: variablesBefore(prepared, run),
  };
  const result = resultOf(prepared, run, state);
  if (result) flow.result = result;
  if ((run.status === "failed" || run.status === "caught") && run.error !== null) {
    // the text the Catch saw: the failing attempt's own event (the state's summary may be re-encoded)
    const attempt = run.attempts.at(-1);
    flow.failure = { error: run.error, cause: attempt?.error === run.error && attempt.cause !== null ? attempt.cause : run.cause };
  }
  const output = parse(run.output);
  if (output !== undefined) flow.recordedOutput = { value: output };
  return flow;
}

function resultOf(prepared: PreparedRuns, run: StateRun, state: Record<string, unknown>): { value: unknown } | undefined {
  if (run.stateType === "Task") {
    const output = parse(run.attempts.at(-1)?.output ?? null);
    return output === undefined ? undefined : { value: output };
  }
  if (run.stateType !== "Parallel" && run.stateType !== "Map") return undefined;
  // a distributed Map's iterations are child executions the history does not hold
  const processor = (state.ItemProcessor ?? state.Iterator) as { ProcessorConfig?: { Mode?: string } } | undefined;
  if (processor?.ProcessorConfig?.Mode === "DISTRIBUTED") return undefined;
  const lastAttempt = Math.max(0, run.attempts.length - 1);
  const frames = prepared.frames
    .filter((f) => f.containerRunKey === run.key && f.attempt === lastAttempt)
    .sort((a, b) => a.index - b.index);
  if (run.stateType === "Parallel" && frames.length !== (Array.isArray(state.Branches) ? state.Branches.length : -1)) return undefined;
  const values: unknown[] = [];
  for (const [i, frame] of frames.entries()) {
    if (frame.index !== i || frame.status !== "succeeded") return undefined;
    const last = prepared.runByKey.get(frame.runKeys.at(-1) ?? "");
    const value = parse(last?.output ?? null);
    if (value === undefined) return undefined;
    values.push(value);
  }
  if (run.stateType === "Map" && values.length === 0 && run.status !== "succeeded") return undefined;
  return { value: values };
}

/** `$$` as far as the history tells it: Execution, State, StateMachine, Map.Item.Index. */
function contextOf(prepared: PreparedRuns, run: StateRun, execution: ExecutionContextInfo): Record<string, unknown> {
  const context: Record<string, unknown> = {
    Execution: {
      Id: execution.executionArn,
      Name: execution.name,
      StartTime: execution.startDate,
      Input: parse(execution.input) ?? {},
    },
    State: {
      Name: run.stateName,
      EnteredTime: run.enteredAt !== null ? new Date(run.enteredAt).toISOString() : undefined,
      RetryCount: Math.max(0, run.attempts.length - 1),
    },
    StateMachine: {
      Id: execution.executionArn.replace(":execution:", ":stateMachine:").replace(/:[^:]*$/, ""),
      Name: execution.stateMachineName,
    },
  };
  const frame = prepared.frameByKey.get(run.frameKey);
  if (frame?.kind === "iteration") context.Map = { Item: { Index: frame.index } };
  return context;
}

/** Variables assigned by runs that exited before this one was entered (later assignments win). */
function variablesBefore(prepared: PreparedRuns, run: StateRun): Record<string, unknown> {
  const earlier = prepared.runs
    .filter((r) => r.assignedVariables && r.exitedEventId !== null && r.exitedEventId < run.enteredEventId)
    .sort((a, b) => a.exitedEventId! - b.exitedEventId!);
  const variables: Record<string, unknown> = {};
  for (const r of earlier)
    for (const [name, text] of Object.entries(r.assignedVariables!)) {
      const value = parse(text);
      if (value !== undefined) variables[name] = value;
    }
  return variables;
}

function parse(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
