import { createDb, type Db } from "../db/client";
import { resolveDatabaseUrl, type DatabaseTarget } from "../db/database-url";
import { migrate } from "../db/migrate";
import { withoutBom } from "../text/without-bom";

let opened: Db | undefined;

/** The CLI's database: migrated on first use so every command works on a fresh checkout. */
export async function openDb(): Promise<{ db: Db; target: DatabaseTarget }> {
  const target = resolveDatabaseUrl();
  if (!opened) {
    await migrate(target);
    opened = createDb(target);
  }
  return { db: opened, target };
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
