import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../lib/db/client";
import { resolveDatabaseUrl } from "../lib/db/database-url";
import { listExecutions } from "../lib/db/list-executions";
import { migrate } from "../lib/db/migrate";
import { DEFAULT_END_DATE, fillExecutions, fillKey } from "./fill-executions";
import { FILL_MACHINES } from "./list/fill-model";
import { rawListExecutions } from "./list/raw-list";
import { REPO_ROOT } from "./support/run-child";

const DAY = 86_400_000;

describe("fillExecutions", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-fill-test-"));
  const file = path.join(dir, "fill.db");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("fills a store statelens reads as its own: schema, indexes, migrations, rows", async () => {
    const result = await fillExecutions({ n: 3000, file, eventsPerExecution: 4 });
    expect(result.reused).toBe(false);
    const raw = new Database(file, { readonly: true });
    const one = <T>(sql: string) => raw.prepare(sql).get() as T;
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM "Execution"`).n).toBe(3000);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM "HistoryEvent"`).n).toBe(12_000);
    expect(one<{ n: number }>(`SELECT count(DISTINCT "stateMachineId") AS n FROM "Execution"`).n).toBe(FILL_MACHINES.length);
    const statuses = (raw.prepare(`SELECT DISTINCT "status" FROM "Execution"`).all() as { status: string }[]).map((r) => r.status).sort();
    expect(statuses).toEqual(["ABORTED", "FAILED", "RUNNING", "SUCCEEDED", "TIMED_OUT"]);
    const range = one<{ lo: string; hi: string }>(`SELECT min("startDate") AS lo, max("startDate") AS hi FROM "Execution"`);
    expect(Date.parse(range.hi)).toBeLessThan(DEFAULT_END_DATE.getTime());
    expect(Date.parse(range.lo)).toBeGreaterThanOrEqual(DEFAULT_END_DATE.getTime() - 90 * DAY);
    expect(range.hi).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    const indexes = (
      raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).all() as { name: string }[]
    ).map((r) => r.name);
    raw.close();

    // The same migrations on an empty file create the same indexes, and the filled file needs none.
    const fresh = path.join(dir, "fresh.db");
    await migrate(resolveDatabaseUrl(`file:${fresh}`), REPO_ROOT);
    const freshDb = new Database(fresh, { readonly: true });
    expect(indexes).toEqual(
      (
        freshDb.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).all() as { name: string }[]
      ).map((r) => r.name),
    );
    freshDb.close();
    expect((await migrate(resolveDatabaseUrl(`file:${file}`), REPO_ROOT)).applied).toEqual([]);
  });

  it("pages newest first through Prisma exactly as the raw floor does", async () => {
    const db = createDb(resolveDatabaseUrl(`file:${file}`));
    const raw = new Database(file, { readonly: true });
    try {
      let after: { startDate: Date; id: string } | undefined;
      for (let page = 0; page < 3; page++) {
        const filter = { status: ["FAILED"], limit: 20, after };
        const ours = await listExecutions(db, filter);
        const floor = rawListExecutions(raw, filter);
        expect(ours.rows.length).toBe(20);
        expect(ours.rows.map((r) => r.id)).toEqual(floor.rows.map((r) => r.id));
        expect(ours.rows.every((r) => r.status === "FAILED" && r.stateMachine.name.length > 0 && r.version !== null)).toBe(true);
        const dates = ours.rows.map((r) => r.startDate.getTime());
        expect([...dates].sort((a, b) => b - a)).toEqual(dates);
        const last = ours.rows.at(-1)!;
        after = { startDate: last.startDate, id: last.id };
      }
      const q = await listExecutions(db, { q: "paymentdeclined", limit: 5 });
      expect(q.rows.length).toBeGreaterThan(0);
      expect(q.rows.every((r) => r.error === "PaymentDeclined")).toBe(true);
    } finally {
      raw.close();
      await db.$disconnect();
    }
  });

  it("reuses a cached file and keys the cache by N and options", async () => {
    expect((await fillExecutions({ n: 3000, file })).reused).toBe(true);
    expect(fillKey({ n: 1000 })).not.toBe(fillKey({ n: 2000 }));
    expect(fillKey({ n: 1000 })).not.toBe(fillKey({ n: 1000, eventsPerExecution: 5 }));
    expect(fillKey({ n: 1000 })).toBe(fillKey({ n: 1000 }));
  });
});
