/**
 * A Step Functions Local mock configuration that cannot be used. `issues` lists every problem
 * found, each as `<location>: <problem>` (locations like `MockedResponses.MockedLambda["1-2"]`).
 */
export class MockConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(
      issues.length === 1
        ? `Invalid mock configuration: ${issues[0]}`
        : `Invalid mock configuration (${issues.length} problems):\n${issues.map((i) => `  - ${i}`).join("\n")}`,
    );
    this.name = "MockConfigError";
  }
}
