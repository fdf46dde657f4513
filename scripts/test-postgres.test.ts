import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SCRIPT = path.join(import.meta.dirname, "test-postgres.mjs");
// a port nothing listens on: the PostgreSQL pass finds no server
const ABSENT = "postgresql://postgres@127.0.0.1:1/statelens_test";

function run(extra: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, STATELENS_TEST_DATABASE: ABSENT, ...extra };
  if (!("STATELENS_REQUIRE_POSTGRES" in extra)) delete env.STATELENS_REQUIRE_POSTGRES;
  const result = spawnSync(process.execPath, [SCRIPT], { env, encoding: "utf8", timeout: 30_000 });
  return { status: result.status, lines: `${result.stdout}${result.stderr}`.trim().split("\n") };
}

describe("scripts/test-postgres.mjs without a PostgreSQL server", () => {
  it("skips in one line naming the address, and exits 0 (also with CI=true)", () => {
    for (const env of [{}, { CI: "true" }] as Record<string, string>[]) {
      const { status, lines } = run(env);
      expect(status).toBe(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^test:pg: skipped, no PostgreSQL at postgresql:\/\/127\.0\.0\.1:1\/statelens_test \(.*ECONNREFUSED.*\)/);
    }
  });

  it("fails where a server is required (.ci/run sets STATELENS_REQUIRE_POSTGRES=1)", () => {
    const { status, lines } = run({ STATELENS_REQUIRE_POSTGRES: "1" });
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^test:pg: FAILED, PostgreSQL at .* is required here/);
  });
});
