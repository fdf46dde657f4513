import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IngestedExecution } from "../ingest/types";
import { createDb } from "./client";
import { resolveDatabaseUrl } from "./database-url";
import { listExecutions } from "./list-executions";
import { migrate } from "./migrate";
import { saveExecution } from "./save-execution";
import { createTestDb } from "./test-db";

function execution(name: string, cause: string, second = 0): IngestedExecution {
  return {
    executionArn: `arn:aws:states:us-east-1:111111111111:execution:M:${name}`,
    name,
    stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:M",
    stateMachineName: "M",
    type: "STANDARD",
    status: "SUCCEEDED",
    startDate: new Date(Date.UTC(2026, 9, 1, 9, 0, second)),
    stopDate: null,
    input: null,
    output: null,
    error: null,
    cause,
    redriveCount: 0,
    source: "file",
    definition: null,
    events: [],
  };
}

const CAUSES: Record<string, string> = {
  percent: "rate 50%off",
  letters: "rate 50xoff",
  underscore: "user_id 7",
  dash: "user-id 7",
  backslash: "path c:\\tmp",
  plain: "path c:tmp",
};

describe("search terms are literal on both stores", () => {
  let ctx: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    ctx = await createTestDb();
    let second = 0;
    for (const [name, cause] of Object.entries(CAUSES)) await saveExecution(ctx.db, execution(name, cause, second++));
  });
  afterAll(async () => {
    await ctx.close();
  });
  const names = async (q: string) => (await listExecutions(ctx.db, { q })).rows.map((r) => r.name).sort();

  it.each([
    ["50%off", ["percent"]],
    ["0%o", ["percent"]],
    ["%", ["percent"]],
    ["%o", ["percent"]],
    ["user_id", ["underscore"]],
    ["r_i", ["underscore"]],
    ["_", ["underscore"]],
    ["_i", ["underscore"]],
    ["c:\\tmp", ["backslash"]],
    ["\\", ["backslash"]],
    ["\\t", ["backslash"]],
  ])("%j matches only the rows containing it", async (q, expected) => {
    expect(await names(q)).toEqual(expected);
  });
});

describe("SQLite: the search index", () => {
  let ctx: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    ctx = await createTestDb({ store: "sqlite" });
  });
  afterAll(async () => {
    await ctx.close();
  });

  it("folds ASCII case only, as LIKE does, for rows stored in capitals by another writer", async () => {
    await saveExecution(ctx.db, execution("caps", "x"));
    await ctx.db.$executeRawUnsafe(`UPDATE "Execution" SET "searchText" = ? WHERE "name" = 'caps'`, "ÉCOLE STRASSE ſtar Kelvin\u212a");
    const names = async (q: string) => (await listExecutions(ctx.db, { q })).rows.map((r) => r.name);
    const like = async (q: string) =>
      (await ctx.db.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "Execution" WHERE "searchText" LIKE ?`, `%${q}%`)).map(
        (r) => r.name,
      );
    for (const q of ["cole", "COLE", "strasse", "tar", "kelvin", "école", "ÉCOLE", "straße", "star", "in\u212a", "ink", "co", "ſt"]) {
      expect(await names(q), q).toEqual(await like(q.toLowerCase()));
    }
    expect(await names("école")).toEqual([]); // LIKE does not fold É
    expect(await names("cole")).toEqual(["caps"]);
  });

  it("is built for the executions of a store migrated before it existed", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "statelens-fts-"));
    try {
      cpSync(path.resolve("prisma"), path.join(root, "prisma"), { recursive: true });
      rmSync(path.join(root, "prisma/migrations/20261204170500_execution_search_fts"), { recursive: true });
      const target = resolveDatabaseUrl(`file:${path.join(root, "old.db")}`);
      await migrate(target, root);
      const old = createDb(target);
      await saveExecution(old, execution("early", "needle-in-an-old-store"));
      await saveExecution(old, execution("other", "HAYSTACK", 1));
      await old.$disconnect();
      expect((await migrate(target)).applied).toEqual(["20261204170500_execution_search_fts"]);
      const raw = new Database(target.location, { readonly: true });
      const hits = (phrase: string) =>
        raw
          .prepare(`SELECT e."name" FROM "ExecutionSearch" s JOIN "Execution" e ON e.rowid = s.rowid WHERE "ExecutionSearch" MATCH ?`)
          .all(phrase);
      expect(hits('"needle-in"')).toEqual([{ name: "early" }]);
      expect(hits('"haystack"')).toEqual([{ name: "other" }]);
      raw.close();
      const db = createDb(target);
      expect((await listExecutions(db, { q: "NEEDLE-IN-AN" })).rows.map((r) => r.name)).toEqual(["early"]);
      await db.$disconnect();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("SQLite: the search index after VACUUM", () => {
  it("still points at the same executions (the join is by rowid)", async () => {
    const ctx = await createTestDb({ store: "sqlite" });
    try {
      for (let i = 0; i < 30; i++) await saveExecution(ctx.db, execution(`v${i}`, `token-${i}-end`, i));
      await ctx.db.$executeRawUnsafe(`DELETE FROM "Execution" WHERE "name" IN ('v0', 'v3', 'v7', 'v12', 'v20')`);
      await ctx.db.$disconnect();
      const raw = new Database(ctx.target.location);
      raw.exec("VACUUM");
      raw.close();
      const db = createDb(ctx.target);
      for (const i of [1, 3, 15, 29]) {
        expect((await listExecutions(db, { q: `token-${i}-end` })).rows.map((r) => r.name)).toEqual(i === 3 ? [] : [`v${i}`]);
      }
      await db.$disconnect();
    } finally {
      await ctx.close();
    }
  });
});
