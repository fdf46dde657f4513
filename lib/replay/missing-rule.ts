import { createMockTaskInvoker, parseMockConfig } from "../asl/mocks";
import type { TaskInvoker } from "../asl/ports";

/**
 * How a replay answers task calls the recording has no outcome for (never reached, or called
 * with changed parameters): `"fail"` (the task fails with statelens.NoRecordedResult), a Step
 * Functions Local mock config test case, the bundled example workflows' handlers, or any invoker.
 */
export type MissingRule = "fail" | "examples" | { mocks: unknown; testCase: string; stateMachineName?: string } | { invoker: TaskInvoker };

/**
 * The invoker for a rule; undefined for "fail" (the recorded invoker fails such calls itself).
 * "examples" needs the example handlers from the caller (lib/examples/example-invoker.ts): replay
 * itself knows nothing of the demo workflows.
 */
export function missingInvoker(
  rule: MissingRule | undefined,
  stateMachineName: string,
  examples?: () => TaskInvoker,
): TaskInvoker | undefined {
  if (rule === undefined || rule === "fail") return undefined;
  if (rule === "examples") {
    if (!examples) throw new Error('missing: "examples" is not available here (no example handlers were given to the replay)');
    return examples();
  }
  if ("invoker" in rule) return rule.invoker;
  // A mock test case's "0" entry answers the first call the recording could not answer.
  return createMockTaskInvoker(parseMockConfig(rule.mocks), rule.stateMachineName ?? stateMachineName, rule.testCase);
}

/** Parses the CLI/API text form: `fail`, `examples` or `mocks:<file>#<test case>` (file read by the caller). */
export function parseMissingRule(
  text: string,
): { kind: "fail" } | { kind: "examples" } | { kind: "mocks"; file: string; testCase: string } {
  if (text === "fail" || text === "examples") return { kind: text };
  const mocks = /^mocks:(.+)#([^#]+)$/.exec(text);
  if (mocks) return { kind: "mocks", file: mocks[1], testCase: mocks[2] };
  throw new Error(`unknown missing-result rule "${text}" (use fail, examples or mocks:<file>#<test case>)`);
}
