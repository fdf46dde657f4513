type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The state under test, its name and query language, from a TestState definition. */
export interface StateUnderTest {
  name: string;
  state: Obj;
  queryLanguage?: string;
}

/**
 * TestState accepts one state, or a whole state machine plus `stateName`. Returns null when the
 * definition holds neither (the caller reports InvalidDefinition / ValidationException).
 */
export function stateUnderTest(definition: unknown, stateName: string | undefined): StateUnderTest | { problem: string } {
  if (!isObj(definition)) return { problem: "the definition must be a JSON object" };
  if (isObj(definition.States)) {
    if (!stateName) return { problem: "stateName is required when the definition is a state machine" };
    const state = definition.States[stateName];
    if (!isObj(state)) return { problem: `state '${stateName}' is not in the state machine definition` };
    const language = state.QueryLanguage ?? definition.QueryLanguage;
    return { name: stateName, state, queryLanguage: typeof language === "string" ? language : undefined };
  }
  if (typeof definition.Type !== "string") return { problem: "the definition must be a state (with a Type) or a state machine" };
  const language = definition.QueryLanguage;
  return { name: stateName ?? "TestState", state: definition, queryLanguage: typeof language === "string" ? language : undefined };
}

/** Every state name this state can move to: Next, Default, Choices[].Next, Catch[].Next. */
export function transitionTargets(state: Obj): string[] {
  const out = new Set<string>();
  const add = (v: unknown) => typeof v === "string" && out.add(v);
  add(state.Next);
  add(state.Default);
  if (Array.isArray(state.Choices)) for (const rule of state.Choices) if (isObj(rule)) add(rule.Next);
  if (Array.isArray(state.Catch)) for (const catcher of state.Catch) if (isObj(catcher)) add(catcher.Next);
  return [...out];
}

/**
 * A one-state machine that runs the state under test without its retriers (TestState reports a
 * retriable error instead of retrying), with a Succeed stub for every transition target, so the
 * state entered after it names `nextState`.
 */
export function singleStateMachine(test: StateUnderTest): Obj {
  const { Retry: _retry, ...state } = test.state;
  void _retry;
  const states: Obj = { [test.name]: state };
  for (const target of transitionTargets(test.state)) if (target !== test.name) states[target] = { Type: "Succeed" };
  return { ...(test.queryLanguage ? { QueryLanguage: test.queryLanguage } : {}), StartAt: test.name, States: states };
}

export interface RetryDecision {
  retryIndex: number;
  retryBackoffIntervalSeconds: number;
}

/**
 * Whether the state's Retry would retry `error` after `retryCount` retries: the first retrier
 * whose ErrorEquals matches (States.ALL matches all but States.Runtime / States.DataLimitExceeded;
 * States.TaskFailed all but States.Timeout), with attempts left. The backoff is
 * IntervalSeconds x BackoffRate^retryCount, capped at MaxDelaySeconds.
 */
export function retryDecision(state: Obj, error: string, retryCount: number): RetryDecision | null {
  if (!Array.isArray(state.Retry)) return null;
  const uncatchable = error === "States.Runtime" || error === "States.DataLimitExceeded";
  for (const [index, retrier] of state.Retry.entries()) {
    if (!isObj(retrier) || !Array.isArray(retrier.ErrorEquals)) continue;
    const names = retrier.ErrorEquals as unknown[];
    const matches =
      names.includes(error) ||
      (!uncatchable && names.includes("States.ALL")) ||
      (!uncatchable && error !== "States.Timeout" && names.includes("States.TaskFailed"));
    if (!matches) continue;
    const maxAttempts = typeof retrier.MaxAttempts === "number" ? retrier.MaxAttempts : 3;
    if (retryCount >= maxAttempts) return null;
    const interval = typeof retrier.IntervalSeconds === "number" ? retrier.IntervalSeconds : 1;
    const rate = typeof retrier.BackoffRate === "number" ? retrier.BackoffRate : 2;
    let backoff = interval * Math.pow(rate, retryCount);
    if (typeof retrier.MaxDelaySeconds === "number") backoff = Math.min(backoff, retrier.MaxDelaySeconds);
    return { retryIndex: index, retryBackoffIntervalSeconds: backoff };
  }
  return null;
}
