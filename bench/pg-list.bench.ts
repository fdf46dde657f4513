/**
 * The execution list on PostgreSQL at scale: fills a dedicated schema with N executions over 90
 * days (server-side generate_series, cached by N), then times `listExecutions` through the real
 * Prisma pg adapter on the page requests the dashboard issues. Peer: the same page query as plain
 * SQL through node-postgres (the floor). Target (dashboard issue): p95 < 200 ms per page.
 * Skips with a message when no PostgreSQL listens (STATELENS_BENCH_PG, default the local server).
 */
import path from "node:path";
import pg from "pg";
import { createDb } from "../lib/db/client";
import { resolveDatabaseUrl } from "../lib/db/database-url";
import { listExecutions, type ExecutionFilter } from "../lib/db/list-executions";
import { migrate } from "../lib/db/migrate";

const BASE = process.env.STATELENS_BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/statelens_test";
const DAY = 86_400_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function fill(client: pg.Client, schema: string, n: number, endMs: number): Promise<void> {
  const q = (sql: string) => client.query(sql);
  await q(`SET search_path TO "${schema}"`);
  await q(
    `INSERT INTO "StateMachine" (id, arn, name) SELECT 'sm' || g, 'arn:aws:states:us-east-1:111111111111:stateMachine:Bench' || g, 'Bench' || g FROM generate_series(1, 6) g`,
  );
  await q(
    `INSERT INTO "StateMachineVersion" (id, "stateMachineId", hash, number, definition) SELECT 'v' || g || '-' || k, 'sm' || g, md5(g::text || k::text), k, '{}' FROM generate_series(1, 6) g, generate_series(1, 2) k`,
  );
  const statuses = `(ARRAY['SUCCEEDED','SUCCEEDED','SUCCEEDED','SUCCEEDED','SUCCEEDED','SUCCEEDED','SUCCEEDED','FAILED','TIMED_OUT','ABORTED'])[1 + (g % 10)]`;
  await q(`INSERT INTO "Execution" (id, "executionArn", name, "stateMachineId", "versionId", status, "startDate", "durationMs", input, error, source, "eventCount", "searchText", "updatedAt")
    SELECT 'e' || lpad(g::text, 9, '0'),
           'arn:aws:states:us-east-1:111111111111:execution:Bench' || (1 + g % 6) || ':run-' || g,
           'run-' || g,
           'sm' || (1 + g % 6),
           'v' || (1 + g % 6) || '-' || (CASE WHEN g > ${n} * 2 / 3 THEN 2 ELSE 1 END),
           ${statuses},
           to_timestamp((${endMs} - (${n} - g)::float8 * ${(90 * DAY) / n}) / 1000)::timestamp,
           100 + (g % 5000),
           '{"order":{"total":' || (g % 1000) || ',"customer":"cust-' || (g % 9973) || '"}}',
           CASE WHEN g % 10 = 7 THEN (ARRAY['PaymentDeclined','States.TaskFailed','States.Timeout'])[1 + (g % 3)] END,
           (ARRAY['aws','aws','aws','logs','local'])[1 + (g % 5)],
           20,
           lower('run-' || g || ' {"order":{"total":' || (g % 1000) || ',"customer":"cust-' || (g % 9973) || '"}}'),
           now()
    FROM generate_series(1, ${n}) g`);
  await q(`ANALYZE "Execution"`);
}

export async function run(options: { n?: number } = {}): Promise<Record<string, unknown>> {
  const n = options.n ?? Number(process.env.BENCH_SCALE ?? 200_000);
  const probe = new pg.Client({ connectionString: BASE, connectionTimeoutMillis: 3000 });
  try {
    await probe.connect();
  } catch (e) {
    console.log(`postgres list: skipped, PostgreSQL at ${BASE} is not reachable (${(e as Error).message})`);
    return { skipped: true };
  }
  const schema = `bench_list_${n}`;
  const have = await probe.query(
    `SELECT count(*)::int AS c FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'Execution'`,
    [schema],
  );
  let rows = 0;
  if (have.rows[0].c) rows = (await probe.query(`SELECT count(*)::int AS c FROM "${schema}"."Execution"`)).rows[0].c;
  const endMs = Date.UTC(2026, 10, 1);
  if (rows !== n) {
    await probe.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    const url = new URL(BASE);
    url.searchParams.set("schema", schema);
    await migrate(resolveDatabaseUrl(url.toString()), path.resolve(import.meta.dirname, ".."));
    const started = performance.now();
    await fill(probe, schema, n, endMs);
    console.log(
      `postgres list: filled ${n} executions in ${((performance.now() - started) / 1000).toFixed(1)} s (schema ${schema}, cached)`,
    );
  }
  await probe.end();
  const url = new URL(BASE);
  url.searchParams.set("schema", schema);
  const db = createDb(resolveDatabaseUrl(url.toString()));
  const floor = new pg.Client({ connectionString: BASE });
  await floor.connect();
  await floor.query(`SET search_path TO "${schema}"`);
  const requests: { kind: string; filter: ExecutionFilter; sql: string; params: unknown[] }[] = [];
  const page = `SELECT id, name, status, "startDate" FROM "Execution"`;
  for (let k = 0; k < 8; k++) {
    const machine = `sm${1 + (k % 6)}`;
    const from = new Date(endMs - (10 + k * 9) * DAY);
    const to = new Date(from.getTime() + 7 * DAY);
    requests.push({ kind: "no filter", filter: { limit: 50 }, sql: `${page} ORDER BY "startDate" DESC, id DESC LIMIT 51`, params: [] });
    requests.push({
      kind: "status FAILED",
      filter: { status: ["FAILED"], limit: 50 },
      sql: `${page} WHERE status = 'FAILED' ORDER BY "startDate" DESC, id DESC LIMIT 51`,
      params: [],
    });
    requests.push({
      kind: "state machine + status",
      filter: { stateMachineId: machine, status: ["TIMED_OUT"], limit: 50 },
      sql: `${page} WHERE "stateMachineId" = $1 AND status = 'TIMED_OUT' ORDER BY "startDate" DESC, id DESC LIMIT 51`,
      params: [machine],
    });
    requests.push({
      kind: "7-day range",
      filter: { from, to, limit: 50 },
      sql: `${page} WHERE "startDate" BETWEEN $1 AND $2 ORDER BY "startDate" DESC, id DESC LIMIT 51`,
      params: [from, to],
    });
    requests.push({
      kind: "error name",
      filter: { error: "PaymentDeclined", limit: 50 },
      sql: `${page} WHERE error = 'PaymentDeclined' ORDER BY "startDate" DESC, id DESC LIMIT 51`,
      params: [],
    });
    requests.push({
      kind: "search q",
      filter: { q: `cust-${100 + k * 37}"`, limit: 50 },
      sql: `${page} WHERE "searchText" LIKE $1 ORDER BY "startDate" DESC, id DESC LIMIT 51`,
      params: [`%cust-${100 + k * 37}"%`],
    });
    requests.push({
      kind: "deep cursor",
      filter: { after: { startDate: new Date(endMs - (20 + k * 8) * DAY), id: "e999999999" }, limit: 50 },
      sql: `${page} WHERE "startDate" < $1 ORDER BY "startDate" DESC, id DESC LIMIT 51`,
      params: [new Date(endMs - (20 + k * 8) * DAY)],
    });
  }
  const ours: Record<string, number[]> = {};
  const raw: Record<string, number[]> = {};
  for (const r of requests) await listExecutions(db, r.filter); // warm
  for (const r of requests) {
    let t = performance.now();
    await listExecutions(db, r.filter);
    (ours[r.kind] ??= []).push(performance.now() - t);
    t = performance.now();
    await floor.query(r.sql, r.params);
    (raw[r.kind] ??= []).push(performance.now() - t);
  }
  await db.$disconnect();
  await floor.end();
  const all = Object.values(ours)
    .flat()
    .sort((a, b) => a - b);
  const allRaw = Object.values(raw)
    .flat()
    .sort((a, b) => a - b);
  const kinds = Object.keys(ours).map((kind) => {
    const o = ours[kind].sort((a, b) => a - b);
    const f = raw[kind].sort((a, b) => a - b);
    return { kind, p50: +percentile(o, 50).toFixed(1), p95: +percentile(o, 95).toFixed(1), floorP95: +percentile(f, 95).toFixed(1) };
  });
  const result = {
    n,
    requests: requests.length,
    p50: +percentile(all, 50).toFixed(1),
    p95: +percentile(all, 95).toFixed(1),
    floorP95: +percentile(allRaw, 95).toFixed(1),
    kinds,
    targetMs: 200,
  };
  for (const k of kinds)
    console.log(
      `  ${k.kind.padEnd(24)} p50 ${String(k.p50).padStart(7)} ms  p95 ${String(k.p95).padStart(7)} ms  (plain SQL p95 ${k.floorP95} ms)`,
    );
  console.log(
    `postgres list, ${n} executions, ${requests.length} pages: p50 ${result.p50} ms, p95 ${result.p95} ms vs plain SQL p95 ${result.floorP95} ms (${(result.p95 / result.floorP95).toFixed(1)}x); target p95 < 200 ms: ${result.p95 < 200 ? "met" : "MISSED"}`,
  );
  return { ...result, summary: `PostgreSQL list p95 ${result.p95} ms at ${n} executions (plain SQL ${result.floorP95} ms)` };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
