import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../generated/prisma/client";
import { immediateSqliteAdapter, isSqliteBusy } from "./sqlite-adapter";
import { createTestDb } from "./test-db";

// About SQLite itself: another process is played by a second better-sqlite3 connection that never waits.
let store: Awaited<ReturnType<typeof createTestDb>>;
let client: PrismaClient;
let other: Database.Database;

beforeAll(async () => {
  store = await createTestDb({ store: "sqlite" });
  client = new PrismaClient({
    adapter: immediateSqliteAdapter({ file: store.target.location, busyTimeoutMs: 50, beginTimeoutMs: 5_000 }),
    transactionOptions: { maxWait: 10_000 },
  });
  other = new Database(store.target.location, { timeout: 0 });
});
afterAll(async () => {
  other.close();
  await client.$disconnect();
  await store.close();
});

const otherWrites = (key: string) =>
  other.prepare(`INSERT INTO "Lease" ("key", "holder", "expiresAt") VALUES (?, 'other', '2030-01-01T00:00:00.000+00:00')`).run(key);

describe("immediateSqliteAdapter", () => {
  it("holds the write lock from the start, so a read-then-write transaction is never refused with BUSY_SNAPSHOT", async () => {
    let otherError: unknown = null;
    await client.$transaction(async (tx) => {
      await tx.lease.findUnique({ where: { key: "a" } });
      try {
        otherWrites("written-meanwhile"); // with a DEFERRED BEGIN this succeeds and makes our snapshot stale
      } catch (error) {
        otherError = error;
      }
      await tx.lease.create({ data: { key: "a", holder: "us", expiresAt: new Date() } });
    });
    expect(isSqliteBusy(otherError)).toBe(true);
    expect(await client.lease.count({ where: { key: "a" } })).toBe(1);
  });

  it("waits for another connection's write lock without blocking the event loop, then commits", async () => {
    other.exec("BEGIN IMMEDIATE");
    otherWrites("held");
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const committer = setTimeout(() => other.exec("COMMIT"), 600);
    try {
      await client.$transaction(async (tx) => {
        await tx.lease.findUnique({ where: { key: "held" } });
        await tx.lease.create({ data: { key: "b", holder: "us", expiresAt: new Date() } });
      });
    } finally {
      clearInterval(ticker);
      clearTimeout(committer);
      if (other.inTransaction) other.exec("COMMIT");
    }
    expect(ticks).toBeGreaterThan(2); // the timers ran while it waited (a blocking busy wait would starve them)
    expect(await client.lease.count({ where: { key: { in: ["held", "b"] } } })).toBe(2);
  });

  it("runs a statement outside any transaction once another connection's write lock is released", async () => {
    other.exec("BEGIN IMMEDIATE");
    const committer = setTimeout(() => other.exec("COMMIT"), 600);
    try {
      await client.$executeRawUnsafe(
        `INSERT INTO "Lease" ("key", "holder", "expiresAt") VALUES ('d', 'us', '2030-01-01T00:00:00.000+00:00')`,
      );
    } finally {
      clearTimeout(committer);
      if (other.inTransaction) other.exec("COMMIT");
    }
    expect(await client.lease.count({ where: { key: "d" } })).toBe(1);
  });

  it("gives up with SQLITE_BUSY after beginTimeoutMs and stays usable", async () => {
    const impatient = new PrismaClient({
      adapter: immediateSqliteAdapter({ file: store.target.location, busyTimeoutMs: 10, beginTimeoutMs: 300 }),
    });
    try {
      other.exec("BEGIN IMMEDIATE");
      const started = Date.now();
      const failed = await impatient
        .$transaction(async (tx) => tx.lease.count())
        .then(
          () => null,
          (error: unknown) => error,
        );
      other.exec("COMMIT");
      expect(isSqliteBusy(failed)).toBe(true);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(
        await impatient.$transaction(async (tx) => tx.lease.create({ data: { key: "c", holder: "us", expiresAt: new Date() } })),
      ).toMatchObject({ key: "c" });
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      await impatient.$disconnect();
    }
  });
});
