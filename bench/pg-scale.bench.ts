/**
 * The dashboard on PostgreSQL at scale (issue 7): a database of 1,000,000 executions and ~50M
 * history events over 90 days (fill-postgres.ts, cached), measured through the real Prisma pg
 * adapter against the same SQL by hand through node-postgres in the same run (the floor):
 *   - listExecutions on every request kind of the SQLite list benchmark (list/list-cases.ts);
 *   - the over-time page's reads (overTimeBuckets + stateVersionMatrix) for the busiest state
 *     machine (~250k executions), 90 days by day, 7 days by hour, one state, and the page's
 *     whole data assembly (summary, latest start, reads, prepareOverTimeFromBuckets);
 *   - the execution detail (getExecution, historyJson).
 * Targets: p95 < 200 ms per list page and per over-time read; < 1 s for the page's data.
 *
 *   BENCH_ONLY=pg-scale npm run bench      (BENCH_PG_SCALE=N for another size; STATELENS_BENCH_PG_ADMIN)
 */
import path from "node:path";
import pg from "pg";
import { prepareOverTimeFromBuckets } from "../lib/over-time/prepare-over-time-buckets";
import { createDb } from "../lib/db/client";
import { resolveDatabaseUrl } from "../lib/db/database-url";
import { getExecution } from "../lib/db/get-execution";
import { historyJson } from "../lib/db/history-json";
import { listExecutions, type ExecutionFilter } from "../lib/db/list-executions";
import { overTimeBuckets, stateMachineSummary, stateVersionMatrix, type OverTimeQuery } from "../lib/db/over-time";
import { compileInputCondition } from "../lib/server/input-condition";
import { fillPostgres, type PgFillResult } from "./fill-postgres";
import { MACHINES, machineId } from "./fill-postgres-sql";
import { listRequests } from "./list/list-cases";
import { floorExecution, floorHistoryJson, floorList, floorOverTime, floorOverTimeRows } from "./pg-scale-floor";
import { formatTable } from "./support/format-table";
import { log } from "./support/log";
import { quantile, round } from "./support/stats";

const DAY = 86_400_000;

export interface Figures {
  kind: string;
  n: number;
  p50: number;
  p95: number;
  floorP50: number;
  floorP95: number;
}

export interface PgScaleResult {
  fill: PgFillResult;
  list: Figures[];
  listAll: Figures;
  listSql: Figures;
  overTime: Figures[];
  detail: Figures[];
  /** the old per-row over-time read (every execution and state run in range), floor SQL only, once */
  rowsPath: { range: string; executions: number; runs: number; ms: number }[];
  targetMs: number;
  summary: string;
}

function figures(kind: string, ours: number[], floor: number[]): Figures {
  return {
    kind,
    n: ours.length,
    p50: round(quantile(ours, 0.5)),
    p95: round(quantile(ours, 0.95)),
    floorP50: round(quantile(floor, 0.5)),
    floorP95: round(quantile(floor, 0.95)),
  };
}

/** Times `ours` and `floor` on each item, alternating which goes first; returns the samples. */
async function paired<T>(
  items: T[],
  ours: (item: T) => Promise<unknown>,
  floor: (item: T) => Promise<unknown>,
  check?: (a: unknown, b: unknown, item: T) => void,
) {
  const a: number[] = [];
  const b: number[] = [];
  for (const [i, item] of items.entries()) {
    const time = async (fn: (item: T) => Promise<unknown>, into: number[]) => {
      const t = performance.now();
      const out = await fn(item);
      into.push(performance.now() - t);
      return out;
    };
    let x: unknown;
    let y: unknown;
    if (i % 2 === 0) {
      x = await time(ours, a);
      y = await time(floor, b);
    } else {
      y = await time(floor, b);
      x = await time(ours, a);
    }
    check?.(x, y, item);
  }
  return { ours: a, floor: b };
}

export async function run(options: { n?: number } = {}): Promise<PgScaleResult | { skipped: string }> {
  const n = options.n ?? Number(process.env.BENCH_PG_SCALE ?? 1_000_000);
  let fill: PgFillResult;
  try {
    log(`pg-scale: database statelens_scale(_N) with ${n.toLocaleString("en-US")} executions (reused when filled)`);
    fill = await fillPostgres({ n, log, database: n === 1_000_000 ? "statelens_scale" : `statelens_scale_${n}` });
  } catch (e) {
    const message = (e as Error).message;
    if (/ECONNREFUSED|connect/i.test(message)) {
      console.log(`pg-scale: skipped, PostgreSQL is not reachable (${message})`);
      return { skipped: message };
    }
    throw e;
  }
  log(
    `pg-scale: ${fill.reused ? "reused" : "filled"} (${(fill.fillMs / 1000).toFixed(0)} s to fill, ${(fill.bytes / 2 ** 30).toFixed(1)} GB)`,
  );
  const db = createDb(resolveDatabaseUrl(fill.url));
  // the floor gets a pool as large as the Prisma adapter's (10), so parallel reads run in parallel on both
  const client = new pg.Pool({ connectionString: fill.url, max: 10 });
  try {
    const endMs = Date.parse(fill.endDate);
    // ---- list
    const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
    const at = async (fraction: number) =>
      one(`SELECT "id", "name", "startDate", "input" FROM "Execution" ORDER BY "startDate" DESC, "id" DESC OFFSET $1 LIMIT 1`, [
        Math.floor(fill.executions * fraction),
      ]);
    const samples = await Promise.all([0.1, 0.5, 0.9].map(at));
    const deep = await Promise.all([0.1, 0.25, 0.4, 0.55, 0.7, 0.85].map(at));
    const facts = {
      machineIds: MACHINES.map((_, i) => machineId(i + 1)),
      versionIds: (await client.query(`SELECT "id" FROM "StateMachineVersion" ORDER BY "id"`)).rows.map((r) => r.id as string),
      endMs,
      days: fill.days,
      sampleNames: samples.map((r) => r.name as string),
      sampleCustomer: (JSON.parse(samples[1].input) as { customer: string }).customer,
      deepCursors: deep.map((r) => ({ id: r.id as string, startDate: r.startDate as Date })),
    };
    const cursorFor = async (filter: ExecutionFilter, pages: number) => {
      let after: ExecutionFilter["after"];
      for (let p = 0; p < pages; p++) {
        const last = (await listExecutions(db, { ...filter, after })).rows.at(-1);
        if (!last) break;
        after = { startDate: last.startDate, id: last.id };
      }
      return after;
    };
    const requests: { kind: string; filter: ExecutionFilter; inputSql?: { sql: string; params: unknown[] } }[] = [];
    for (const r of listRequests(facts, 9)) {
      let filter = r.condition ? { ...r.filter, inputCondition: compileInputCondition(r.condition.jsonata) } : r.filter;
      if (r.pagesBefore) filter = { ...filter, after: await cursorFor(filter, r.pagesBefore) };
      const inputSql = r.condition ? { sql: `("input"::jsonb ->> 'amount')::numeric > ?`, params: [...r.condition.params] } : undefined;
      requests.push({ kind: r.kind, filter, inputSql });
    }
    log(`pg-scale: list warm-up, then ${requests.length} timed pages`);
    for (const r of requests)
      await Promise.all([
        listExecutions(db, r.filter),
        floorList(client, r.filter, r.inputSql && { ...r.inputSql, params: [...r.inputSql.params] }),
      ]);
    const byKind = new Map<string, { ours: number[]; floor: number[] }>();
    for (const r of requests) {
      const s = await paired(
        [r],
        () => listExecutions(db, r.filter),
        () => floorList(client, r.filter, r.inputSql && { ...r.inputSql, params: [...r.inputSql.params] }),
        (a, b) => {
          const x = a as Awaited<ReturnType<typeof listExecutions>>;
          const y = b as Awaited<ReturnType<typeof floorList>>;
          if (x.scanLimited) return; // listExecutions stopped at its scan limit by design
          if (x.rows.map((row) => row.id).join() !== y.rows.map((row) => row.id).join() || x.hasMore !== y.hasMore)
            throw new Error(`list ${r.kind}: listExecutions and the floor disagree`);
        },
      );
      const k = byKind.get(r.kind) ?? { ours: [], floor: [] };
      k.ours.push(...s.ours);
      k.floor.push(...s.floor);
      byKind.set(r.kind, k);
    }
    const list = [...byKind.entries()].map(([kind, s]) => figures(kind, s.ours, s.floor));
    const listAll = figures(
      "all pages",
      [...byKind.values()].flatMap((s) => s.ours),
      [...byKind.values()].flatMap((s) => s.floor),
    );
    // the JSONata input condition is evaluated in JS over up to 20,000 rows (CONDITION_SCAN_LIMIT): shown apart
    const sql = [...byKind.entries()].filter(([kind]) => kind !== "input condition").map(([, s]) => s);
    const listSql = figures(
      "all but input condition",
      sql.flatMap((s) => s.ours),
      sql.flatMap((s) => s.floor),
    );

    // ---- over time, busiest machine
    const machine = machineId(1);
    const latest = (await one(`SELECT max("startDate") AS t FROM "Execution" WHERE "stateMachineId" = $1`, [machine])).t as Date;
    const query = (days: number, extra: Partial<OverTimeQuery> = {}): OverTimeQuery => ({
      stateMachineId: machine,
      from: new Date(latest.getTime() - days * DAY),
      to: latest,
      ...extra,
    });
    const cases: { kind: string; q: OverTimeQuery; by: "day" | "hour" }[] = [
      { kind: "90 days by day", q: query(90), by: "day" },
      { kind: "30 days by day", q: query(30), by: "day" },
      { kind: "7 days by hour", q: query(7), by: "hour" },
      { kind: "90 days, one state", q: query(90, { stateName: "ChargeCard" }), by: "day" },
    ];
    const repeats = 12;
    const overTime: Figures[] = [];
    for (const c of cases) {
      await overTimeBuckets(db, c.q, c.by);
      const items = Array.from({ length: repeats }, () => c);
      const s = await paired(
        items,
        () => Promise.all([overTimeBuckets(db, c.q, c.by), stateVersionMatrix(db, c.q)]),
        () => floorOverTime(client, c.q, c.by),
      );
      overTime.push(figures(`${c.kind}: reads`, s.ours, s.floor));
    }
    // the page's whole data assembly (what app/state-machines/[id]/page.tsx awaits and prepares)
    const pageData = async (c: (typeof cases)[number]) => {
      const summary = await stateMachineSummary(db, machine);
      const last = await db.execution.findFirst({
        where: { stateMachineId: machine },
        orderBy: { startDate: "desc" },
        select: { startDate: true },
      });
      const [buckets, matrix] = await Promise.all([overTimeBuckets(db, c.q, c.by), stateVersionMatrix(db, c.q)]);
      const data = prepareOverTimeFromBuckets(buckets, {
        granularity: c.by,
        from: c.q.from.toISOString(),
        to: c.q.to.toISOString(),
        flakiestLimit: 12,
      });
      return { summary, last, data, matrix };
    };
    for (const c of [cases[0], cases[2]]) {
      const items = Array.from({ length: repeats }, () => c);
      const s = await paired(
        items,
        () => pageData(c),
        async () => {
          await client.query(`SELECT "id", "name", "arn", "type" FROM "StateMachine" WHERE "id" = $1`, [machine]);
          await client.query(
            `SELECT "id", "number", "createdAt", "definition" FROM "StateMachineVersion" WHERE "stateMachineId" = $1 ORDER BY "number"`,
            [machine],
          );
          await client.query(`SELECT "startDate" FROM "Execution" WHERE "stateMachineId" = $1 ORDER BY "startDate" DESC LIMIT 1`, [
            machine,
          ]);
          return floorOverTime(client, c.q, c.by);
        },
      );
      overTime.push(figures(`${c.kind}: page data`, s.ours, s.floor));
    }
    const rowsPath: PgScaleResult["rowsPath"] = [];
    for (const days of [7, 90]) {
      const t = performance.now();
      const r = await floorOverTimeRows(client, query(days));
      rowsPath.push({ range: `${days} days`, ...r, ms: round(performance.now() - t) });
    }

    // ---- execution detail
    const ids = (
      await client.query(`SELECT "id" FROM "Execution" WHERE "startDate" < $1 ORDER BY "startDate" DESC LIMIT 30 OFFSET 1000`, [
        new Date(endMs - 45 * DAY),
      ])
    ).rows.map((r) => r.id as string);
    const biggest = (await one(`SELECT "id" FROM "Execution" ORDER BY "eventCount" DESC LIMIT 1`)).id as string;
    const detailIds = [...ids, biggest];
    for (const id of detailIds.slice(0, 3)) await Promise.all([getExecution(db, id), historyJson(db, id)]);
    const g = await paired(
      detailIds,
      (id) => getExecution(db, id),
      (id) => floorExecution(client, id),
      (a, b) => {
        if ((a as { events: unknown[] }).events.length !== (b as { events: number }).events)
          throw new Error("getExecution and the floor disagree on the event count");
      },
    );
    const h = await paired(
      detailIds,
      (id) => historyJson(db, id),
      (id) => floorHistoryJson(client, id),
      (a, b) => {
        if (a !== b) throw new Error("historyJson and the floor disagree");
      },
    );
    const detail = [figures("getExecution", g.ours, g.floor), figures("historyJson", h.ours, h.floor)];

    const targetMs = 200;
    const allOver = overTime.filter((f) => f.kind.endsWith("reads"));
    const worstRead = Math.max(...allOver.map((f) => f.p95));
    const worstPage = Math.max(...overTime.filter((f) => f.kind.endsWith("page data")).map((f) => f.p95));
    const summary = [
      `PostgreSQL at scale: ${fill.executions.toLocaleString("en-US")} executions, ${fill.events.toLocaleString("en-US")} events, ${fill.stateRuns.toLocaleString("en-US")} state runs, ${(fill.bytes / 2 ** 30).toFixed(1)} GB (fill ${(fill.fillMs / 1000).toFixed(0)} s${fill.reused ? ", reused" : ""})`,
      "",
      table(`listExecutions (${requests.length} pages)`, [...list, listSql, listAll]),
      "",
      table(
        `over-time, ${MACHINES[0].name} (${(await one(`SELECT count(*)::int AS c FROM "Execution" WHERE "stateMachineId" = $1`, [machine])).c.toLocaleString("en-US")} executions)`,
        overTime,
      ),
      ...rowsPath.map(
        (r) =>
          `  without buckets (floor SQL, every row): ${r.range} = ${r.executions.toLocaleString("en-US")} executions + ${r.runs.toLocaleString("en-US")} state runs in ${r.ms.toLocaleString("en-US")} ms`,
      ),
      "",
      table(
        `execution detail (${detailIds.length} executions, the largest ${(await one(`SELECT "eventCount" FROM "Execution" WHERE "id" = $1`, [biggest])).eventCount} events)`,
        detail,
      ),
      "",
      `targets: list p95 ${listAll.p95} ms < ${targetMs}: ${listAll.p95 < targetMs ? "met" : "MISSED"} (without the input condition ${listSql.p95} ms: ${listSql.p95 < targetMs ? "met" : "MISSED"}); over-time reads worst p95 ${worstRead} ms < ${targetMs}: ${worstRead < targetMs ? "met" : "MISSED"}; page data worst p95 ${worstPage} ms < 1000: ${worstPage < 1000 ? "met" : "MISSED"}`,
    ].join("\n");
    return { fill, list, listAll, listSql, overTime, detail, rowsPath, targetMs, summary };
  } finally {
    await db.$disconnect();
    await client.end();
  }
}

function table(title: string, rows: Figures[]): string {
  return `${title}\n${formatTable(
    ["kind", "n", "p50 ms", "p95 ms", "floor p50", "floor p95", "p95 / floor"],
    rows.map((f) => [f.kind, f.n, f.p50, f.p95, f.floorP50, f.floorP95, `${(f.p95 / Math.max(f.floorP95, 0.01)).toFixed(1)}x`]),
  )}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  run()
    .then((r) => console.log("summary" in r ? r.summary : r))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
