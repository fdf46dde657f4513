import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "./client";
import { resolveDatabaseUrl, type DatabaseTarget } from "./database-url";
import { migrate } from "./migrate";

/**
 * A fresh, migrated database for a test. SQLite by default (a temp file); when
 * STATELENS_TEST_DATABASE=postgresql://... is set, a new schema in that PostgreSQL database,
 * dropped again by `close()`, so the same tests run against both stores. Schemas are named by
 * process and a random part, so parallel vitest workers never share tables.
 * `{ store: "sqlite" }` is for the few tests that are about SQLite itself (they read the file).
 */
export async function createTestDb(
  options: { store?: "sqlite" } = {},
): Promise<{ db: Db; target: DatabaseTarget; close: () => Promise<void> }> {
  const pgUrl = process.env.STATELENS_TEST_DATABASE;
  if (pgUrl && /^postgres/.test(pgUrl) && options.store !== "sqlite") {
    const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    const url = new URL(pgUrl);
    url.searchParams.set("schema", schema);
    const target = resolveDatabaseUrl(url.toString());
    await migrate(target);
    const db = createDb(target);
    return {
      db,
      target,
      close: async () => {
        await db.$disconnect();
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`DROP SCHEMA "${schema}" CASCADE`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-test-"));
  const target = resolveDatabaseUrl(`file:${path.join(dir, "test.db")}`);
  await migrate(target);
  const db = createDb(target);
  return {
    db,
    target,
    close: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
