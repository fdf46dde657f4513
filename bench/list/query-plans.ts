import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { listExecutions, type ExecutionFilter } from "../../lib/db/list-executions";

export interface QueryPlan {
  /** The request kinds that sent this SQL. */
  kinds: string[];
  /** The page query Prisma sent (the relation lookups are primary-key IN lists). */
  sql: string;
  /** EXPLAIN QUERY PLAN detail lines. */
  plan: string[];
}

/**
 * Captures the SQL Prisma sends for every request (through a client with query logging,
 * separate from the timed one) and asks SQLite how it runs each distinct statement.
 */
export async function queryPlans(
  file: string,
  raw: Database.Database,
  requests: { kind: string; filter: ExecutionFilter }[],
): Promise<QueryPlan[]> {
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }), log: [{ emit: "event", level: "query" }] });
  const captured: { query: string; params: string }[] = [];
  client.$on("query", (event) => captured.push({ query: event.query, params: event.params }));
  const plans: QueryPlan[] = [];
  try {
    const bySql = new Map<string, QueryPlan>();
    for (const request of requests) {
      captured.length = 0;
      await listExecutions(client, request.filter);
      const page = captured.find((c) => /FROM `main`\.`Execution`/.test(c.query));
      if (!page) throw new Error(`no Execution query captured for ${request.kind}`);
      const known = bySql.get(page.query);
      if (known) {
        if (!known.kinds.includes(request.kind)) known.kinds.push(request.kind);
        continue;
      }
      const params = JSON.parse(page.params) as unknown[];
      const rows = raw.prepare(`EXPLAIN QUERY PLAN ${page.query}`).all(...params) as { detail: string }[];
      bySql.set(page.query, {
        kinds: [request.kind],
        sql: page.query.replace(/`main`\./g, "").replace(/`/g, '"'),
        plan: rows.map((r) => r.detail),
      });
    }
    plans.push(...bySql.values());
  } finally {
    await client.$disconnect();
  }
  return plans;
}
