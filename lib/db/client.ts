import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client";
import { resolveDatabaseUrl, type DatabaseTarget } from "./database-url";
import { nulSafePool } from "./nul-safe-pg";
import { immediateSqliteAdapter, type SqliteWriter } from "./sqlite-adapter";
import type pg from "pg";

export type Db = PrismaClient;

/**
 * What a client was made with, by client. Kept on globalThis: Next.js bundles this module once per
 * route and for instrumentation, and the process-wide client made by one copy (db() below) is used
 * by all of them, so module-level maps would not know it in the others.
 */
interface ClientRegistry {
  schemas: WeakMap<object, string>;
  pgPools: WeakMap<object, pg.Pool>;
  sqliteWriters: WeakMap<object, { writer?: SqliteWriter }>;
}
const registryKey = Symbol.for("statelens.db.clients");
const registry: ClientRegistry = ((globalThis as unknown as Record<symbol, ClientRegistry | undefined>)[registryKey] ??= {
  schemas: new WeakMap(),
  pgPools: new WeakMap(),
  sqliteWriters: new WeakMap(),
});
const { schemas, pgPools, sqliteWriters } = registry;

/** The node-postgres pool under a PostgreSQL client (null for SQLite), for driver-level bulk writes. */
export function pgPoolOf(client: object): pg.Pool | null {
  return pgPools.get(client) ?? null;
}

/** The direct writer on a SQLite client's connection (null for PostgreSQL); connects the client first. */
export async function sqliteWriterOf(client: Db): Promise<SqliteWriter | null> {
  const holder = sqliteWriters.get(client);
  if (!holder) return null;
  // not connected yet, or disconnected since (Prisma opens a new connection on its next query)
  if (!holder.writer?.database.open) await client.$connect();
  return holder.writer ?? null;
}

/** The PostgreSQL schema a client's raw SQL must qualify tables with (null for SQLite). */
export function pgSchemaOf(client: object): string | null {
  return schemas.get(client) ?? null;
}

/** Opens a client for a target; both generated clients share one API, typed as the SQLite one. */
export function createDb(target: DatabaseTarget = resolveDatabaseUrl()): Db {
  if (target.kind === "postgresql") {
    // U+0000 in any string is stored faithfully (PostgreSQL text refuses it): lib/db/nul-safe-pg.ts
    // our pool, so $disconnect must end it (as it ends a pool the adapter makes itself)
    const pool = nulSafePool({ connectionString: target.location, max: 10 });
    const adapter = new PrismaPg(pool, {
      schema: target.schema ?? "public",
      disposeExternalPool: true,
    });
    const client = new PgPrismaClient({ adapter }) as unknown as Db;
    schemas.set(client, target.schema ?? "public");
    pgPools.set(client, pool);
    return client;
  }
  // Several processes may write one SQLite file (ingest, import, serve, sfn-local): transactions take
  // the write lock up front and wait their turn (lib/db/sqlite-adapter.ts), so Prisma's own
  // transactions (upserts, nested writes) may wait as long for their start as explicit ones.
  const holder: { writer?: SqliteWriter } = {};
  const adapter = immediateSqliteAdapter({ file: target.location }, (writer) => (holder.writer = writer));
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: 120_000 } });
  sqliteWriters.set(client, holder);
  return client;
}

const globalForDb = globalThis as unknown as { statelensDb?: Db; statelensTarget?: DatabaseTarget };

/** The process-wide client (one per process, survives Next.js dev reloads). */
export function db(): Db {
  if (!globalForDb.statelensDb) {
    globalForDb.statelensTarget = resolveDatabaseUrl();
    globalForDb.statelensDb = createDb(globalForDb.statelensTarget);
  }
  return globalForDb.statelensDb;
}

export function dbTarget(): DatabaseTarget {
  db();
  return globalForDb.statelensTarget!;
}
