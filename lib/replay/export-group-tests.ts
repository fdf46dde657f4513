import type { StoredExecution } from "../db/get-execution";
import { exportTest, type ExportedTest } from "./export-test";
import { sourceFromStored } from "./replay-store";

/** A failure group as one regression suite: a Step Functions Local mock config with a test case per execution. */
export interface GroupRegressionSuite {
  stateMachineName: string;
  /** each definition version the executions ran, by "v<number>" */
  definitions: Record<string, unknown>;
  testCases: { name: string; execution: string; version: string; input: unknown; expected: { status: string; error: string | null } }[];
  mockConfig: ExportedTest["mockConfig"];
  /** executions left out (no stored definition), with why */
  skipped: { execution: string; reason: string }[];
  howToRun: string;
}

/**
 * Every execution's recorded task answers (export-test.ts, as the per-execution export) merged into
 * one MockConfigFile: test case `<execution name>` maps each Task state to its own mocked response
 * (`<state>@<execution name>`), so one file reproduces the whole group.
 */
export function exportGroupTests(executions: readonly StoredExecution[]): GroupRegressionSuite {
  const stateMachineName = executions[0]?.stateMachine.name ?? "StateMachine";
  const suite: GroupRegressionSuite = {
    stateMachineName,
    definitions: {},
    testCases: [],
    mockConfig: { StateMachines: { [stateMachineName]: { TestCases: {} } }, MockedResponses: {} },
    skipped: [],
    howToRun:
      "per test case: save definitions[version] and the input, then " +
      "statelens run definition.json --input input.json --mocks this-file.json --test-case <name>",
  };
  const testCases = suite.mockConfig.StateMachines[stateMachineName].TestCases;
  for (const stored of executions) {
    if (!stored.version?.definition) {
      suite.skipped.push({ execution: stored.name, reason: "no stored definition" });
      continue;
    }
    const source = sourceFromStored(stored);
    const version = `v${stored.version.number}`;
    suite.definitions[version] ??= JSON.parse(stored.version.definition);
    const one = exportTest(source.events, source.definition, stateMachineName, stored.name);
    const mapping: Record<string, string> = {};
    for (const [state, responseName] of Object.entries(one.mockConfig.StateMachines[stateMachineName].TestCases[stored.name])) {
      const unique = `${state}@${stored.name}`;
      mapping[state] = unique;
      suite.mockConfig.MockedResponses[unique] = one.mockConfig.MockedResponses[responseName];
    }
    testCases[stored.name] = mapping;
    suite.testCases.push({
      name: stored.name,
      execution: stored.executionArn,
      version,
      input: stored.input === null ? {} : JSON.parse(stored.input),
      expected: { status: stored.status, error: stored.error },
    });
  }
  return suite;
}
