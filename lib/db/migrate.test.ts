import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { resolveDatabaseUrl } from "./database-url";
import { migrate } from "./migrate";

describe("migrate (SQLite)", () => {
  it("applies prisma/migrations once, records them like Prisma, and refuses edited migrations", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-migrate-"));
    const target = resolveDatabaseUrl(`file:${path.join(dir, "db.sqlite")}`);
    const first = await migrate(target);
    expect(first.applied.length).toBeGreaterThan(0);
    const second = await migrate(target);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied });
    const db = new Database(target.location);
    const rows = db.prepare(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`).all() as {
      checksum: string;
      finished_at: number;
      applied_steps_count: number;
    }[];
    expect(rows).toHaveLength(first.applied.length);
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].finished_at).toBeTruthy();
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type='table'`)
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(["Execution", "HistoryEvent", "StateMachine", "StateMachineVersion", "SyncCursor"]));
    db.close();

    // A copy of the project whose first migration was edited after being applied.
    const root = mkdtempSync(path.join(os.tmpdir(), "statelens-root-"));
    cpSync(path.resolve("prisma"), path.join(root, "prisma"), { recursive: true });
    const sql = path.join(root, "prisma/migrations", first.applied[0], "migration.sql");
    writeFileSync(sql, "-- edited\nSELECT 1;");
    await expect(migrate(target, root)).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls back a failing migration and names it", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "statelens-root-"));
    mkdirSync(path.join(root, "prisma/migrations/1_ok"), { recursive: true });
    mkdirSync(path.join(root, "prisma/migrations/2_bad"), { recursive: true });
    writeFileSync(path.join(root, "prisma/migrations/1_ok/migration.sql"), `CREATE TABLE "A" ("id" INTEGER);`);
    writeFileSync(
      path.join(root, "prisma/migrations/2_bad/migration.sql"),
      `CREATE TABLE "B" ("id" INTEGER); CREATE TABLE "A" ("id" INTEGER);`,
    );
    const target = resolveDatabaseUrl(`file:${path.join(root, "db.sqlite")}`);
    await expect(migrate(target, root)).rejects.toThrow(/migration 2_bad failed/);
    const db = new Database(target.location);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name IN ('A','B')`).all();
    expect(tables).toEqual([{ name: "A" }]);
    db.close();
  });
});

describe("resolveDatabaseUrl", () => {
  it("selects the store from the URL scheme", () => {
    expect(resolveDatabaseUrl(undefined, "/srv/app")).toMatchObject({ kind: "sqlite", location: "/srv/app/data/statelens.db" });
    expect(resolveDatabaseUrl("postgresql://u@h:5432/d?schema=team")).toMatchObject({ kind: "postgresql", schema: "team" });
    expect(() => resolveDatabaseUrl("mysql://x")).toThrow(/DATABASE_URL must start with file:/);
  });
});
