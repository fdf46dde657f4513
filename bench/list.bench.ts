/**
 * Benchmark 4: the execution list at scale. A store of N executions (BENCH_SCALE, default
 * 200,000; cached under data/bench/) is queried with listExecutions over 100+ page requests with
 * varied filters, each paired with the same query as raw SQL through better-sqlite3 (the floor);
 * both must return the same ids. Reports p50/p95 overall and per kind, and each kind's query plan.
 */
import Database from "better-sqlite3";
import { createDb } from "../lib/db/client";
import { resolveDatabaseUrl } from "../lib/db/database-url";
import { listExecutions, type ExecutionFilter } from "../lib/db/list-executions";
import { compileInputCondition } from "../lib/server/input-condition";
import { fillExecutions, type FillResult } from "./fill-executions";
import { listRequests, type StoreFacts } from "./list/list-cases";
import { queryPlans, type QueryPlan } from "./list/query-plans";
import { rawListExecutions } from "./list/raw-list";
import { log } from "./support/log";
import { quantile, round } from "./support/stats";

export interface ListOptions {
  n?: number;
  variants?: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

export interface ListKindFigures {
  kind: string;
  requests: number;
  ours: Percentiles;
  floor: Percentiles;
  /** The distinct EXPLAIN QUERY PLAN outputs of this kind's statements. */
  plan: string[];
}

export interface ListResult {
  n: number;
  fill: FillResult;
  requests: number;
  /** Requests whose input condition hit listExecutions' scan limit (short page, not compared). */
  scanLimited: number;
  targetP95Ms: number;
  ours: Percentiles;
  floor: Percentiles;
  kinds: ListKindFigures[];
  plans: QueryPlan[];
}

function percentiles(samples: number[]): Percentiles {
  return { p50: round(quantile(samples, 0.5)), p95: round(quantile(samples, 0.95)), max: round(Math.max(...samples)) };
}

function storeFacts(raw: Database.Database, fill: FillResult): StoreFacts {
  const n = (raw.prepare(`SELECT count(*) AS n FROM "Execution"`).get() as { n: number }).n;
  const nameAt = (fraction: number) =>
    raw.prepare(`SELECT "name", "input" FROM "Execution" WHERE rowid = ?`).get(Math.max(1, Math.floor(n * fraction))) as {
      name: string;
      input: string;
    };
  return {
    machineIds: (raw.prepare(`SELECT "id" FROM "StateMachine" ORDER BY "id"`).all() as { id: string }[]).map((r) => r.id),
    versionIds: (raw.prepare(`SELECT "id" FROM "StateMachineVersion" ORDER BY "id"`).all() as { id: string }[]).map((r) => r.id),
    endMs: Date.parse(fill.endDate),
    days: fill.days,
    sampleNames: [0.9, 0.5, 0.1].map((f) => nameAt(f).name),
    sampleCustomer: (JSON.parse(nameAt(0.3).input) as { customer: string }).customer,
    deepCursors: [0.9, 0.75, 0.6, 0.45, 0.3, 0.15].map((f) => {
      const row = raw.prepare(`SELECT "id", "startDate" FROM "Execution" WHERE rowid = ?`).get(Math.max(1, Math.floor(n * f))) as {
        id: string;
        startDate: string;
      };
      return { id: row.id, startDate: new Date(row.startDate) };
    }),
  };
}

export async function run(options: ListOptions = {}): Promise<ListResult> {
  const n = options.n ?? 200_000;
  log(`list: store of ${n.toLocaleString("en-US")} executions (data/bench/, reused when cached)`);
  const fill = await fillExecutions({
    n,
    onProgress: (done, total) => log(`list: filled ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")}`),
  });
  log(`list: ${fill.reused ? "reused" : `filled in ${(fill.ms / 1000).toFixed(1)} s:`} ${fill.file}`);
  const raw = new Database(fill.file, { readonly: true });
  const db = createDb(resolveDatabaseUrl(`file:${fill.file}`));
  try {
    const requests = listRequests(storeFacts(raw, fill), options.variants ?? 9);
    const cache = new Map<string, Database.Statement>();
    const cursorFor = async (filter: ExecutionFilter, pages: number) => {
      let after: ExecutionFilter["after"];
      for (let p = 0; p < pages; p++) {
        const page = await listExecutions(db, { ...filter, after });
        const last = page.rows.at(-1);
        if (!last) break;
        after = { startDate: last.startDate, id: last.id };
      }
      return after;
    };
    const resolved: { kind: string; filter: ExecutionFilter; inputSql?: { sql: string; params: (string | number)[] } }[] = [];
    for (const request of requests) {
      let filter = request.condition
        ? { ...request.filter, inputCondition: compileInputCondition(request.condition.jsonata) }
        : request.filter;
      if (request.pagesBefore) filter = { ...filter, after: await cursorFor(filter, request.pagesBefore) };
      resolved.push({ kind: request.kind, filter, inputSql: request.condition });
    }
    log(`list: warm-up pass (every request once on both, untimed: the store's pages are then in the OS cache)`);
    for (const request of resolved) {
      await listExecutions(db, request.filter);
      rawListExecutions(raw, request.filter, cache, request.inputSql);
    }
    log(`list: ${resolved.length} timed requests (engines alternate which goes first)`);
    const ours = new Map<string, number[]>();
    const floor = new Map<string, number[]>();
    const push = (map: Map<string, number[]>, kind: string, ms: number) => map.set(kind, [...(map.get(kind) ?? []), ms]);
    let scanLimited = 0;
    for (const [i, { kind, filter, inputSql }] of resolved.entries()) {
      const timeOurs = async () => {
        const start = performance.now();
        const page = await listExecutions(db, filter);
        push(ours, kind, performance.now() - start);
        return page;
      };
      const timeFloor = () => {
        const start = performance.now();
        const page = rawListExecutions(raw, filter, cache, inputSql);
        push(floor, kind, performance.now() - start);
        return page;
      };
      let a: Awaited<ReturnType<typeof listExecutions>>;
      let b: ReturnType<typeof rawListExecutions>;
      if (i % 2 === 0) {
        a = await timeOurs();
        b = timeFloor();
      } else {
        b = timeFloor();
        a = await timeOurs();
      }
      if (a.scanLimited) {
        // listExecutions stopped at its scan limit: its page may be short by design, the floor's is not.
        scanLimited++;
        continue;
      }
      const idsA = a.rows.map((r) => r.id).join(",");
      const idsB = b.rows.map((r) => r.id).join(",");
      if (idsA !== idsB || a.hasMore !== b.hasMore)
        throw new Error(`list ${kind} ${JSON.stringify(filter)}: listExecutions and raw SQL disagree`);
    }
    log(`list: query plans`);
    const plans = await queryPlans(fill.file, raw, resolved);
    const kinds = [...ours.keys()].map((kind) => ({
      kind,
      requests: ours.get(kind)!.length,
      ours: percentiles(ours.get(kind)!),
      floor: percentiles(floor.get(kind)!),
      plan: [...new Set(plans.filter((p) => p.kinds.includes(kind)).map((p) => p.plan.join("; ")))],
    }));
    return {
      n,
      fill,
      requests: requests.length,
      scanLimited,
      targetP95Ms: 200,
      ours: percentiles([...ours.values()].flat()),
      floor: percentiles([...floor.values()].flat()),
      kinds,
      plans,
    };
  } finally {
    raw.close();
    await db.$disconnect();
  }
}
