import { afterAll, describe, expect, it } from "vitest";
import { CliHarness } from "../cli-test-harness";
import { registerConformance } from "./conformance";

const cli = new CliHarness([registerConformance]);
afterAll(() => cli.close());

describe("statelens conformance", () => {
  it("runs the repository's recorded cases when no folder is given", async () => {
    const result = await cli.run("conformance", "--filter", "test_map_state_break_condition");
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^TOTAL +2 /m);
    expect(result.stdout).toMatch(/^2 passed, 0 failed$/m);
  });

  it("names a folder that does not exist", async () => {
    await expect(cli.run("conformance", "/no/such/cases")).rejects.toThrow("/no/such/cases: no such folder");
  });
});
