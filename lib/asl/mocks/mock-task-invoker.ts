import type { TaskInvoker, TaskOutcome, TaskRequest } from "../ports";
import { MockConfigError } from "./mock-config-error";
import type { MockConfig } from "./parse-mock-config";

export interface MockTaskInvokerOptions {
  /**
   * Answers Task states the test case does not mock (Step Functions Local would call the real
   * service). Without it such a call fails with `States.Runtime`.
   */
  fallback?: TaskInvoker;
  /**
   * Which number selects the mocked response entry. `"invocation"` (default, Step Functions
   * Local's rule): a per-state counter over the whole execution, advanced on every call of the
   * state, retries, loop passes and Map iterations included. `"attempt"`: the call's retry
   * attempt (`TaskRequest.attempt`), which restarts at 0 each time the state is entered.
   */
  index?: "invocation" | "attempt";
}

export interface MockTaskInvoker extends TaskInvoker {
  /** How many times each mocked state has been called so far. */
  readonly calls: ReadonlyMap<string, number>;
}

const names = (record: object) =>
  Object.keys(record)
    .map((n) => `"${n}"`)
    .join(", ") || "none";

/**
 * A TaskInvoker answering from a Step Functions Local mock configuration, for one state
 * machine's test case. Task states are addressed by their state name alone, wherever they sit
 * (inside Map iterations or Parallel branches too); a state's n-th call (0-based) gets the
 * entry whose key covers n ("0", "1-2"). A call no entry covers (the list is exhausted or has a
 * gap) fails the state with `States.Runtime`, as Step Functions Local does. For
 * `.waitForTaskToken` and `.sync` tasks the mocked Return is the task's final result.
 */
export function createMockTaskInvoker(
  config: MockConfig,
  stateMachineName: string,
  testCaseName: string,
  options: MockTaskInvokerOptions = {},
): MockTaskInvoker {
  const cases = config.stateMachines[stateMachineName];
  if (!cases) {
    throw new MockConfigError([`StateMachines: no state machine "${stateMachineName}" (configured: ${names(config.stateMachines)})`]);
  }
  const mapping = cases[testCaseName];
  if (!mapping) {
    throw new MockConfigError([
      `StateMachines.${stateMachineName}.TestCases: no test case "${testCaseName}" (configured: ${names(cases)})`,
    ]);
  }
  const calls = new Map<string, number>();
  return {
    calls,
    invoke(request: TaskRequest): Promise<TaskOutcome> | TaskOutcome {
      const responseName = mapping[request.stateName];
      if (responseName === undefined) {
        if (options.fallback) return options.fallback.invoke(request);
        return {
          error: "States.Runtime",
          cause: `State '${request.stateName}' is not mocked in test case '${testCaseName}' of state machine '${stateMachineName}', and no fallback invoker is configured.`,
        };
      }
      const invocation = calls.get(request.stateName) ?? 0;
      calls.set(request.stateName, invocation + 1);
      const n = options.index === "attempt" ? request.attempt : invocation;
      const step = (config.mockedResponses[responseName] ?? []).find((s) => s.from <= n && n <= s.to);
      if (!step) {
        return {
          error: "States.Runtime",
          cause: `Mocked response '${responseName}' has no entry for invocation ${n} of state '${request.stateName}'.`,
        };
      }
      const response = step.response;
      if (response.type === "return") return { output: structuredClone(response.value) };
      return { error: response.error, cause: response.cause };
    },
  };
}
