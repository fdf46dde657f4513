import { createDb, type Db } from "../db/client";
import { resolveDatabaseUrl, type DatabaseTarget } from "../db/database-url";
import { runPendingBackfills } from "../db/backfills";
import { migrate, type MigrationResult } from "../db/migrate";
import { withoutBom } from "../text/without-bom";

let opened: Db | undefined;
let migration: MigrationResult | undefined;

/**
 * The CLI's database: migrated on first use (and any data backfill a migration asked for run) so
 * every command works on a fresh checkout and on a store an older statelens wrote.
 */
export async function openDb(): Promise<{ db: Db; target: DatabaseTarget; migration: MigrationResult }> {
  const target = resolveDatabaseUrl();
  if (!opened || !migration) {
    migration = await migrate(target);
    opened = createDb(target);
    await runPendingBackfills(opened, (line) => process.stderr.write(`statelens: ${line}\n`));
  }
  return { db: opened, target, migration };
}

export async function disconnectDb(): Promise<void> {
  if (opened) await opened.$disconnect();
  opened = undefined;
}

/** `{"a":1}` or `@file.json` -> the parsed JSON value, with an error naming what is wrong. */
export async function readJsonArg(value: string, what: string): Promise<unknown> {
  let text = value;
  let where = `${what} (inline)`;
  if (value.startsWith("@")) {
    const { readFile } = await import("node:fs/promises");
    where = value.slice(1);
    text = withoutBom(
      await readFile(where, "utf8").catch((e: NodeJS.ErrnoException) => {
        throw new Error(`${what}: cannot read ${where}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
      }),
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what}: ${where} is not valid JSON: ${(e as Error).message}`);
  }
}
