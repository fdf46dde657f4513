import type { Environment } from "./environment";

/** The state part of `$$` (`$states.context` in JSONata). */
export interface StateInfo {
  Name: string;
  EnteredTime: string;
  RetryCount?: number;
}

/**
 * Builds the context object a state sees: Execution, StateMachine, State, and Task (a
 * waitForTaskToken token) / Map (the current item) where they apply.
 */
export function contextObject(env: Environment, state: StateInfo, taskToken?: string): Record<string, unknown> {
  const context: Record<string, unknown> = {
    Execution: env.runtime.execution,
    StateMachine: env.runtime.stateMachine,
    State: state,
  };
  if (taskToken !== undefined) context.Task = { Token: taskToken };
  if (env.mapItem) context.Map = { Item: env.mapItem };
  return context;
}

let lastMs = Number.NaN;
let lastIso = "";

/** ISO text of a virtual instant (many states share an instant, so the last one is cached). */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
