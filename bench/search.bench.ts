/**
 * Benchmark 4b: payload search on SQLite. listExecutions with a search term (lib/db/search-page.ts:
 * a bounded scan of the newest rows, then the FTS5 trigram index) against its peer, the LIKE scan:
 * the same page as raw SQL through better-sqlite3 (`"searchText" LIKE ? ESCAPE '\'` walking the
 * startDate index, plus the two relation lookups; bench/list/raw-list.ts), on the list
 * benchmark's store of N executions. Both must return the same ids for every request.
 */
import Database from "better-sqlite3";
import { statSync } from "node:fs";
import { createDb } from "../lib/db/client";
import { resolveDatabaseUrl } from "../lib/db/database-url";
import { listExecutions, type ExecutionFilter } from "../lib/db/list-executions";
import { fillExecutions, type FillResult } from "./fill-executions";
import { searchRequests } from "./list/search-cases";
import { rawListExecutions } from "./list/raw-list";
import { log } from "./support/log";
import { quantile, round } from "./support/stats";

export interface SearchPercentiles {
  p50: number;
  p95: number;
  max: number;
}

export interface SearchResult {
  n: number;
  fill: FillResult;
  fileMb: number;
  /** Pages of the FTS5 index's shadow tables (dbstat), MB; null when dbstat is not compiled in. */
  indexMb: number | null;
  rounds: number;
  targetP95Ms: number;
  ours: SearchPercentiles;
  peer: SearchPercentiles;
  kinds: { kind: string; samples: number; matches: string; ours: SearchPercentiles; peer: SearchPercentiles }[];
}

function percentiles(samples: number[]): SearchPercentiles {
  return { p50: round(quantile(samples, 0.5)), p95: round(quantile(samples, 0.95)), max: round(Math.max(...samples)) };
}

function indexSize(raw: Database.Database): number | null {
  try {
    const row = raw.prepare(`SELECT sum("pgsize") AS bytes FROM "dbstat" WHERE "name" LIKE 'ExecutionSearch%'`).get() as {
      bytes: number | null;
    };
    return row.bytes === null ? null : round(row.bytes / 1e6);
  } catch {
    return null;
  }
}

export async function run(options: { n?: number; rounds?: number } = {}): Promise<SearchResult> {
  const n = options.n ?? 200_000;
  const rounds = options.rounds ?? 3;
  log(`search: store of ${n.toLocaleString("en-US")} executions (data/bench/, reused when cached)`);
  const fill = await fillExecutions({
    n,
    onProgress: (done, total) => log(`search: filled ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")}`),
  });
  const raw = new Database(fill.file, { readonly: true });
  const db = createDb(resolveDatabaseUrl(`file:${fill.file}`));
  try {
    const count = (raw.prepare(`SELECT count(*) AS n FROM "Execution"`).get() as { n: number }).n;
    const at = (fraction: number) =>
      raw.prepare(`SELECT "name", "input" FROM "Execution" WHERE rowid = ?`).get(Math.max(1, Math.floor(count * fraction))) as {
        name: string;
        input: string;
      };
    const requests = searchRequests({
      names: [0.95, 0.5, 0.05].map((f) => at(f).name),
      customers: [0.9, 0.4, 0.1].map((f) => (JSON.parse(at(f).input) as { customer: string }).customer),
    });
    // cursor pages: follow the term's pages first (untimed)
    const resolved: { kind: string; filter: ExecutionFilter }[] = [];
    for (const request of requests) {
      let after: ExecutionFilter["after"];
      for (let p = 0; p < (request.pagesBefore ?? 0); p++) {
        const last = (await listExecutions(db, { ...request.filter, after })).rows.at(-1);
        if (!last) break;
        after = { startDate: last.startDate, id: last.id };
      }
      resolved.push({ kind: request.kind, filter: { ...request.filter, after } });
    }
    const cache = new Map<string, Database.Statement>();
    const matches = new Map<string, number[]>();
    log(`search: warm-up pass (${resolved.length} requests on both, untimed)`);
    for (const { kind, filter } of resolved) {
      await listExecutions(db, filter);
      rawListExecutions(raw, filter, cache);
      if (!filter.after && !filter.status) {
        const total = (
          raw
            .prepare(`SELECT count(*) AS n FROM "Execution" WHERE instr(lower("searchText"), ?) > 0`)
            .get(filter.q!.trim().toLowerCase()) as { n: number }
        ).n;
        matches.set(kind, [...(matches.get(kind) ?? []), total]);
      }
    }
    const ours = new Map<string, number[]>();
    const peer = new Map<string, number[]>();
    const push = (map: Map<string, number[]>, kind: string, ms: number) => map.set(kind, [...(map.get(kind) ?? []), ms]);
    log(`search: ${rounds} timed rounds of ${resolved.length} requests (ours and the LIKE scan alternate going first)`);
    let i = 0;
    for (let round = 0; round < rounds; round++) {
      for (const { kind, filter } of resolved) {
        const timeOurs = async () => {
          const start = performance.now();
          const page = await listExecutions(db, filter);
          push(ours, kind, performance.now() - start);
          return page;
        };
        const timePeer = () => {
          const start = performance.now();
          const page = rawListExecutions(raw, filter, cache);
          push(peer, kind, performance.now() - start);
          return page;
        };
        let a: Awaited<ReturnType<typeof timeOurs>>;
        let b: ReturnType<typeof timePeer>;
        if (i++ % 2 === 0) {
          a = await timeOurs();
          b = timePeer();
        } else {
          b = timePeer();
          a = await timeOurs();
        }
        if (a.rows.map((r) => r.id).join() !== b.rows.map((r) => r.id).join() || a.hasMore !== b.hasMore) {
          throw new Error(`search ${kind} ${JSON.stringify(filter)}: listExecutions and the LIKE scan disagree`);
        }
      }
    }
    const range = (values: number[] | undefined) =>
      values?.length ? `${Math.min(...values).toLocaleString("en-US")}-${Math.max(...values).toLocaleString("en-US")}` : "";
    return {
      n,
      fill,
      fileMb: round(statSync(fill.file).size / 1e6),
      indexMb: indexSize(raw),
      rounds,
      targetP95Ms: 200,
      ours: percentiles([...ours.values()].flat()),
      peer: percentiles([...peer.values()].flat()),
      kinds: [...ours.keys()].map((kind) => ({
        kind,
        samples: ours.get(kind)!.length,
        matches: range(matches.get(kind)),
        ours: percentiles(ours.get(kind)!),
        peer: percentiles(peer.get(kind)!),
      })),
    };
  } finally {
    raw.close();
    await db.$disconnect();
  }
}
