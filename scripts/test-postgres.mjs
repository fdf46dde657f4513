// Runs the database-backed unit tests (lib/db, lib/audit, the import fuzzer) again against
// PostgreSQL (STATELENS_TEST_DATABASE, default the local server's statelens_test database). CI
// starts a server when none is listening; on a machine without one this says so and skips rather
// than pretending to pass.
import { spawnSync } from "node:child_process";
import pg from "pg";

const url = process.env.STATELENS_TEST_DATABASE ?? "postgresql://postgres@127.0.0.1:5432/statelens_test";
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.end();
} catch (err) {
  if (process.env.CI) {
    console.error(`test:pg: PostgreSQL at ${url} is not reachable: ${err.message}`);
    process.exit(1);
  }
  console.log(`test:pg: skipped, PostgreSQL at ${url} is not reachable (${err.message})`);
  process.exit(0);
}
const result = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "lib/db", "lib/audit", "lib/fuzz/import-history"], {
  stdio: "inherit",
  env: { ...process.env, STATELENS_TEST_DATABASE: url },
});
process.exit(result.status ?? 1);
