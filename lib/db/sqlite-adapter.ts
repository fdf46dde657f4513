import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import type { PrismaClient } from "../generated/prisma/client";

type Factory = NonNullable<NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"]>;
type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["executeRaw"]>[0];

export interface SqliteAdapterOptions {
  /** absolute file path or ":memory:" */
  file: string;
  /** how long SQLite itself waits (blocking) for a lock before answering SQLITE_BUSY */
  busyTimeoutMs?: number;
  /** how long a transaction keeps trying to take the write lock (async backoff between tries) */
  beginTimeoutMs?: number;
}

/**
 * Direct writes on the adapter's own better-sqlite3 connection (lib/db/write-execution-sqlite.ts),
 * for writes where Prisma's per-call work would cost more than the inserts themselves.
 */
export interface SqliteWriter {
  /**
   * Runs `work` synchronously inside BEGIN IMMEDIATE ... COMMIT on the connection, in turn with
   * Prisma's transactions of the same client, waiting (with backoff) while another process holds
   * the write lock; rolled back when `work` throws. Synchronous, so no other query of this
   * process can slip into the transaction.
   */
  write<T>(work: (database: BetterSqlite3.Database) => T): Promise<T>;
  /** The connection itself, for reads outside any transaction (WAL: they never wait on a writer). */
  database: BetterSqlite3.Database;
}

const sql = (text: string): Query => ({ sql: text, args: [], argTypes: [] });

/** SQLITE_BUSY in any of its extended forms (BUSY_SNAPSHOT, BUSY_RECOVERY...), however wrapped (Prisma keeps it under meta.driverAdapterError.cause). */
export function isSqliteBusy(error: unknown): boolean {
  type Wrapped = { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length && seen.size < 10) {
    const e = queue.shift() as Wrapped | null | undefined;
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    if (typeof e.originalCode === "string" && e.originalCode.startsWith("SQLITE_BUSY")) return true;
    if (typeof e.code === "string" && e.code.startsWith("SQLITE_BUSY")) return true;
    if (typeof e.message === "string" && /database is locked|SQLITE_BUSY/.test(e.message)) return true;
    queue.push(e.cause, e.meta?.driverAdapterError);
  }
  return false;
}

/**
 * Prisma's better-sqlite3 adapter with write transactions that cannot lose a race. Its own
 * `startTransaction` runs a plain (DEFERRED) `BEGIN`: the transaction reads under a snapshot and only
 * asks for the write lock at its first write, and when another connection committed meanwhile,
 * SQLite refuses that upgrade at once with SQLITE_BUSY_SNAPSHOT (no busy timeout helps). This one
 * starts every transaction with `BEGIN IMMEDIATE`, taking the write lock up front, so writers queue
 * instead of failing; while another process holds the lock it retries with backoff (without blocking
 * the event loop) for up to `beginTimeoutMs`. Transactions of one client take turns as before
 * (one connection), and a failed BEGIN gives its turn back. Queries outside transactions go to
 * the wrapped adapter unchanged.
 */
export function immediateSqliteAdapter(options: SqliteAdapterOptions, onConnect?: (writer: SqliteWriter) => void): Factory {
  const base = new PrismaBetterSqlite3({ url: options.file, timeout: options.busyTimeoutMs ?? 5_000 });
  const beginTimeoutMs = options.beginTimeoutMs ?? 120_000;
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => wrap(await base.connect(), beginTimeoutMs, onConnect),
  };
}

function wrap(adapter: Adapter, beginTimeoutMs: number, onConnect?: (writer: SqliteWriter) => void): Adapter {
  let turn: Promise<void> = Promise.resolve();
  const takeTurn = async (): Promise<() => void> => {
    let release!: () => void;
    const previous = turn;
    turn = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  };
  const database = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
  if (onConnect && database) {
    onConnect({
      database,
      write: async (work) => {
        const release = await takeTurn();
        try {
          await whileBusy(async () => void database.prepare("BEGIN IMMEDIATE").run(), beginTimeoutMs);
          try {
            const result = work(database);
            database.prepare("COMMIT").run();
            return result;
          } catch (error) {
            if (database.inTransaction) database.prepare("ROLLBACK").run();
            throw error;
          }
        } finally {
          release();
        }
      },
    });
  }
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    // A statement outside a transaction is its own transaction: refused with SQLITE_BUSY, it did
    // nothing, so running it again is safe (audit entries, lease claims, cursors).
    queryRaw: (query) => whileBusy(() => adapter.queryRaw(query), beginTimeoutMs),
    executeRaw: (query) => whileBusy(() => adapter.executeRaw(query), beginTimeoutMs),
    executeScript: (script) => adapter.executeScript(script),
    dispose: () => adapter.dispose(),
    startTransaction: async (isolationLevel) => {
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") return adapter.startTransaction(isolationLevel); // the adapter's own error
      const release = await takeTurn();
      try {
        await beginImmediate(adapter, beginTimeoutMs);
      } catch (error) {
        release();
        throw error;
      }
      return transaction(adapter, release);
    },
  };
}

async function beginImmediate(adapter: Adapter, timeoutMs: number): Promise<void> {
  await whileBusy(() => adapter.executeRaw(sql("BEGIN IMMEDIATE")), timeoutMs);
}

/** Runs `work` again, with jittered exponential backoff, while SQLite answers SQLITE_BUSY, for up to `timeoutMs`. */
async function whileBusy<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, 5 * 2 ** Math.min(attempt, 7)) * (0.5 + Math.random())));
    }
  }
}

function transaction(adapter: Adapter, release: () => void): Transaction {
  let open = true;
  const end = () => {
    if (open) release();
    open = false;
    return Promise.resolve();
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    // Prisma sends COMMIT / ROLLBACK itself and then calls commit() / rollback() to end the turn.
    options: { usePhantomQuery: false },
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    commit: end,
    rollback: end,
    createSavepoint: async (name) => void (await adapter.executeRaw(sql(`SAVEPOINT ${name}`))),
    rollbackToSavepoint: async (name) => void (await adapter.executeRaw(sql(`ROLLBACK TO ${name}`))),
    releaseSavepoint: async (name) => void (await adapter.executeRaw(sql(`RELEASE SAVEPOINT ${name}`))),
  };
}
