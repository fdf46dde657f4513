import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../generated/prisma/client";
import { retryReason } from "./retry-write";
import { immediateSqliteAdapter, type SqliteWriter } from "./sqlite-adapter";
import { sqliteWriterOf } from "./client";
import { createTestDb } from "./test-db";

// The direct writer saveExecution uses on SQLite; "another process" is a second better-sqlite3 connection.
let store: Awaited<ReturnType<typeof createTestDb>>;
let client: PrismaClient;
let writer: SqliteWriter | undefined;
let other: Database.Database;

beforeAll(async () => {
  store = await createTestDb({ store: "sqlite" });
  client = new PrismaClient({
    adapter: immediateSqliteAdapter({ file: store.target.location, busyTimeoutMs: 20, beginTimeoutMs: 5_000 }, (w) => (writer = w)),
    transactionOptions: { maxWait: 10_000 },
  });
  await client.$connect();
  other = new Database(store.target.location, { timeout: 0 });
});
afterAll(async () => {
  other.close();
  await client.$disconnect();
  await store.close();
});

const lease = (database: Database.Database, key: string, holder: string) =>
  database.prepare(`INSERT INTO "Lease" ("key", "holder", "expiresAt") VALUES (?, ?, '2030-01-01T00:00:00.000+00:00')`).run(key, holder);
const holderOf = (key: string) => other.prepare(`SELECT "holder" FROM "Lease" WHERE "key" = ?`).pluck().get(key);

describe("the SQLite direct writer", () => {
  it("is handed over when Prisma connects", () => {
    expect(writer).toBeDefined();
    expect(writer!.database.open).toBe(true);
  });

  it("writes inside BEGIN IMMEDIATE and commits", async () => {
    const inside = await writer!.write((database) => {
      lease(database, "w1", "writer");
      return database.inTransaction;
    });
    expect(inside).toBe(true);
    expect(holderOf("w1")).toBe("writer");
  });

  it("rolls everything back when the work throws", async () => {
    await expect(
      writer!.write((database) => {
        lease(database, "w2", "writer");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(holderOf("w2")).toBeUndefined();
    expect(writer!.database.inTransaction).toBe(false);
  });

  it("waits while another process holds the write lock, then writes", async () => {
    other.prepare("BEGIN IMMEDIATE").run();
    lease(other, "o1", "other");
    const write = writer!.write((database) => lease(database, "w3", "writer"));
    await new Promise((r) => setTimeout(r, 150));
    other.prepare("COMMIT").run();
    await write;
    expect(holderOf("o1")).toBe("other");
    expect(holderOf("w3")).toBe("writer");
  });

  it("takes its turn after an open Prisma transaction of the same client", async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = client.$transaction(async (t) => {
      await t.lease.create({ data: { key: "p1", holder: "prisma", expiresAt: new Date() } });
      await held;
      order.push("prisma");
    });
    await new Promise((r) => setTimeout(r, 100));
    const write = writer!.write((database) => {
      order.push("writer");
      lease(database, "w4", "writer");
    });
    await new Promise((r) => setTimeout(r, 100));
    release();
    await Promise.all([tx, write]);
    expect(order).toEqual(["prisma", "writer"]);
  });

  it("is found again for a client made by createDb after a disconnect", async () => {
    const first = await sqliteWriterOf(store.db);
    await store.db.$disconnect();
    const again = await sqliteWriterOf(store.db);
    expect(again?.database.open).toBe(true);
    expect(again?.database).not.toBe(first?.database);
  });

  it("PostgreSQL's own error codes from node-postgres are retried like Prisma's", () => {
    expect(retryReason({ code: "23505" })).toBe("unique");
    expect(retryReason({ code: "23503" })).toBe("foreign-key");
    expect(retryReason({ code: "40P01" })).toBe("conflict");
    expect(retryReason({ code: "40001" })).toBe("conflict");
    expect(retryReason({ code: "22001" })).toBeNull();
  });
});
