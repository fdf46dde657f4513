// Runs the whole unit suite (every vitest file) again against PostgreSQL: tests that take their store
// from createTestDb() get a fresh schema in STATELENS_TEST_DATABASE (default: the local server's
// statelens_test database, created when missing), one per test file and call, so parallel vitest
// workers never share tables; pure tests simply run a second time; the multi-process tests
// (*.pg.test.ts) run only here. CI starts a server when none is listening; on a machine without
// one this says so and skips rather than pretending to pass.
//
//   node scripts/test-postgres.mjs [vitest filters or options...]
import { spawnSync } from "node:child_process";
import pg from "pg";

const url = process.env.STATELENS_TEST_DATABASE ?? "postgresql://postgres@127.0.0.1:5432/statelens_test";
if (!/^postgres(ql)?:\/\//.test(url)) {
  console.error(`test:pg: STATELENS_TEST_DATABASE must be a postgresql:// URL, got "${url}"`);
  process.exit(1);
}

/** Connects to `url`; when the server answers but the database does not exist, creates it. */
async function ensureDatabase() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return;
  } catch (err) {
    if (err.code !== "3D000") throw err; // 3D000: invalid_catalog_name, the database is missing
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`database name "${name}" in STATELENS_TEST_DATABASE is not a plain identifier`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const server = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  await server.connect();
  try {
    await server.query(`CREATE DATABASE "${name}"`);
    console.log(`test:pg: created database ${name}`);
  } catch (err) {
    if (err.code !== "42P04") throw err; // created meanwhile by another run
  } finally {
    await server.end();
  }
}

try {
  await ensureDatabase();
} catch (err) {
  if (process.env.CI) {
    console.error(`test:pg: PostgreSQL at ${url} is not usable: ${err.message}`);
    process.exit(1);
  }
  console.log(`test:pg: skipped, PostgreSQL at ${url} is not usable (${err.message})`);
  process.exit(0);
}
const started = Date.now();
const result = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, STATELENS_TEST_DATABASE: url },
});
console.log(`test:pg: whole suite against ${url.replace(/\/\/[^@/]*@/, "//")} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(result.status ?? 1);
