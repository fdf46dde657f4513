// Runs the whole unit suite (every vitest file) again against PostgreSQL: tests that take their store
// from createTestDb() get a fresh schema in STATELENS_TEST_DATABASE (default: the local server's
// statelens_test database, created when missing), one per test file and call, so parallel vitest
// workers never share tables; pure tests simply run a second time; the multi-process tests
// (*.pg.test.ts) run only here. On a machine without a server this says so in one line and skips
// (exit 0); .ci/run starts one and sets STATELENS_REQUIRE_POSTGRES=1, so there a server that could
// not be reached fails the run instead. (CI=true alone does not: many machines set it.)
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
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new Error(`database name "${name}" in STATELENS_TEST_DATABASE is not a plain identifier`);
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

const shownUrl = url.replace(/\/\/[^@/]*@/, "//");
try {
  await ensureDatabase();
} catch (err) {
  // one line: AggregateError (several addresses refused) has an empty message of its own
  const reason = (err.message || err.errors?.map((e) => e.message).join("; ") || err.code || String(err)).replace(/\s+/g, " ").trim();
  if (process.env.STATELENS_REQUIRE_POSTGRES === "1") {
    console.error(`test:pg: FAILED, PostgreSQL at ${shownUrl} is required here (STATELENS_REQUIRE_POSTGRES=1) but not usable: ${reason}`);
    process.exit(1);
  }
  console.log(
    `test:pg: skipped, no PostgreSQL at ${shownUrl} (${reason}); start one or set STATELENS_TEST_DATABASE to run the suite on PostgreSQL too`,
  );
  process.exit(0);
}
const started = Date.now();
const result = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, STATELENS_TEST_DATABASE: url },
});
console.log(`test:pg: whole suite against ${shownUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(result.status ?? 1);
