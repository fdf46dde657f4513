import { definitionScopes } from "./definition-scopes";
import { trackHistory, type ReplayEvent } from "./history-threads";
import { causeText, payloadValue } from "./payload";

export interface ExportedTest {
  /** A Step Functions Local mock configuration (`MockConfigFile.json`). */
  mockConfig: {
    StateMachines: Record<string, { TestCases: Record<string, Record<string, string>> }>;
    MockedResponses: Record<string, Record<string, { Return: unknown } | { Throw: { Error: string; Cause: string } }>>;
  };
  stateMachineName: string;
  testCase: string;
  /** Task calls the recording never saw finish (left out of the mocks). */
  unfinished: string[];
}

type Response = { Return: unknown } | { Throw: { Error: string; Cause: string } };

/**
 * A mock configuration whose test case answers every Task state the way the recording did, in
 * call order per state (Step Functions Local's invocation counter): `statelens run <definition>
 * --mocks <file> --test-case <case>` then reproduces the execution's path, outputs and errors.
 * Equal consecutive answers share one range key ("1-3").
 */
export function exportTest(
  events: readonly ReplayEvent[],
  definition: string | object,
  stateMachineName: string,
  testCase = "Recorded",
): ExportedTest {
  const calls = trackHistory(events, definitionScopes(definition)).calls;
  const perState = new Map<string, Response[]>();
  const unfinished: string[] = [];
  for (const call of calls) {
    const end = call.end;
    if (!end) {
      unfinished.push(`${call.stateName} (attempt ${call.attempt})`);
      continue;
    }
    const response: Response = end.type.endsWith("Succeeded")
      ? { Return: payloadValue(end.output) }
      : { Throw: { Error: end.error ?? (end.type.endsWith("TimedOut") ? "States.Timeout" : ""), Cause: causeText(end.cause) ?? "" } };
    perState.set(call.stateName, [...(perState.get(call.stateName) ?? []), response]);
  }
  const mapping: Record<string, string> = {};
  const responses: ExportedTest["mockConfig"]["MockedResponses"] = {};
  for (const [state, list] of perState) {
    const name = `${state}Recorded`;
    mapping[state] = name;
    const steps: Record<string, Response> = {};
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && JSON.stringify(list[i]) === JSON.stringify(list[start])) continue;
      steps[i - 1 === start ? String(start) : `${start}-${i - 1}`] = list[start];
      start = i;
    }
    responses[name] = steps;
  }
  return {
    mockConfig: { StateMachines: { [stateMachineName]: { TestCases: { [testCase]: mapping } } }, MockedResponses: responses },
    stateMachineName,
    testCase,
    unfinished,
  };
}
