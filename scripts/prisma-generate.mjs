// Generates the Prisma clients for SQLite (prisma/schema.prisma) and PostgreSQL (the same models,
// written to prisma/postgres/schema.prisma). Prisma's CLI wants a schema engine binary even for
// `generate`, which does not need it; where none was downloaded we point it at a placeholder file.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sqliteSchema = path.join(root, "prisma/schema.prisma");
const pgSchema = path.join(root, "prisma/postgres/schema.prisma");

export function postgresSchemaFrom(text) {
  return (
    "// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs: edit that file instead.\n" +
    text
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('output       = "../lib/generated/prisma"', 'output       = "../../lib/generated/prisma-pg"')
  );
}

function main() {
  mkdirSync(path.dirname(pgSchema), { recursive: true });
  writeFileSync(pgSchema, postgresSchemaFrom(readFileSync(sqliteSchema, "utf8")));
  const env = { ...process.env };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
    const placeholder = path.join(root, "node_modules/.cache/statelens-no-schema-engine");
    mkdirSync(path.dirname(placeholder), { recursive: true });
    if (!existsSync(placeholder)) writeFileSync(placeholder, "");
    env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
  }
  env.DATABASE_URL ??= "file:./data/statelens.db";
  const prisma = path.join(root, "node_modules/prisma/build/index.js");
  for (const schema of [sqliteSchema, pgSchema]) {
    execFileSync(process.execPath, [prisma, "generate", "--schema", schema], { cwd: root, env, stdio: "pipe" });
  }
  console.log("statelens: Prisma clients generated (sqlite, postgresql)");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
