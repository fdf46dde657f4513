import { StateMachine } from "aws-local-stepfunctions";
import { runExecution, type TaskInvoker } from "../../lib/asl/index";
import { installNode22Polyfills } from "../support/node22-polyfills";
import type { BenchWorkflow, LocalHandler } from "./types";

installNode22Polyfills();

export interface EngineRun {
  status: string;
  output: unknown;
  /** States entered, counted from the engine's own event log when `countTransitions` was asked. */
  transitions?: number;
  events?: number;
  /** The engine's own result object (our ExecutionResult with its history; the peer's run handle). */
  raw?: unknown;
}

/** Histories here go past AWS's 25,000-event limit on purpose: the peer has no such limit. */
const NO_HISTORY_LIMIT = Number.MAX_SAFE_INTEGER;
const START = new Date("2026-01-01T00:00:00.000Z");

function invokerFor(handlers: Record<string, LocalHandler>): TaskInvoker {
  return {
    invoke(request) {
      const handler = handlers[request.stateName];
      if (!handler) return { error: "Bench.NoHandler", cause: `no local handler for ${request.stateName}` };
      return { output: handler(request.parameters) };
    },
  };
}

/** Runs the workflow on statelens' interpreter (full AWS-shaped history is always recorded). */
export async function runOurs(workflow: BenchWorkflow, countTransitions = false): Promise<EngineRun> {
  const result = await runExecution({
    definition: workflow.definition,
    input: workflow.input,
    taskInvoker: invokerFor(workflow.handlers),
    context: { startTime: START, executionName: `bench-${workflow.id}` },
    maxEvents: NO_HISTORY_LIMIT,
  });
  const run: EngineRun = {
    status: result.status,
    output: result.status === "SUCCEEDED" ? result.output : { error: result.error, cause: result.cause },
    events: result.events.length,
    raw: result,
  };
  if (countTransitions) run.transitions = result.events.filter((e) => e.type.endsWith("StateEntered")).length;
  return run;
}

type PeerDefinition = ConstructorParameters<typeof StateMachine>[0];
type PeerInput = Parameters<StateMachine["run"]>[0];
type PeerHandlers = NonNullable<NonNullable<Parameters<StateMachine["run"]>[1]>["overrides"]>["taskResourceLocalHandlers"];

/**
 * The peer's machine for a workflow. Its constructor validates the definition with asl-validator
 * (0.1-0.4 s), so the benchmark builds it once per workflow, outside the timed runs.
 */
export function peerMachine(workflow: BenchWorkflow): StateMachine {
  return new StateMachine((workflow.peerDefinition ?? workflow.definition) as PeerDefinition, {
    validationOptions: { checkArn: true, checkPaths: true },
  });
}

/**
 * Runs the workflow on aws-local-stepfunctions with its Task states overridden by the same local
 * handlers. Its event log is an async queue filled as it runs; it is drained (and StateEntered
 * events counted) only when `countTransitions` is asked, so timed runs measure the engine alone.
 */
export async function runPeer(workflow: BenchWorkflow, countTransitions = false, machine = peerMachine(workflow)): Promise<EngineRun> {
  const execution = machine.run(workflow.input as PeerInput, {
    overrides: { taskResourceLocalHandlers: workflow.handlers as PeerHandlers },
  });
  let transitions = 0;
  const drained = countTransitions
    ? (async () => {
        for await (const event of execution.eventLogs) {
          if (event.type === "StateEntered") transitions++;
          if (event.type === "ExecutionSucceeded" || event.type === "ExecutionFailed") break;
        }
      })()
    : Promise.resolve();
  try {
    const output = await execution.result;
    await drained;
    return countTransitions
      ? { status: "SUCCEEDED", output, transitions, raw: execution }
      : { status: "SUCCEEDED", output, raw: execution };
  } catch (error) {
    return { status: "FAILED", output: { error: error instanceof Error ? error.message : String(error) } };
  }
}
