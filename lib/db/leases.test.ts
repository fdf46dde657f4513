import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "./client";
import { acquireLease, releaseLease, renewLease, withLease, withLeases, withLeaseWaiting } from "./leases";
import { createTestDb } from "./test-db";

// Runs on SQLite, and on PostgreSQL under `npm run test:pg` (STATELENS_TEST_DATABASE).
let test: Awaited<ReturnType<typeof createTestDb>>;
/** A second client on the same store: another worker with its own connection(s). */
let other: Db;

beforeAll(async () => {
  test = await createTestDb();
  other = createDb(test.target);
});
afterAll(async () => {
  await other.$disconnect();
  await test.close();
});

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);

describe("leases", () => {
  it("is held by one holder until it expires, then can be taken over", async () => {
    const db = test.db;
    expect(await acquireLease(db, "src:a", "w1", 1000, { now: T0 })).toBe(true);
    expect(await acquireLease(db, "src:a", "w2", 1000, { now: T0 + 500 })).toBe(false);
    expect(await acquireLease(db, "src:a", "w1", 1000, { now: T0 + 500 })).toBe(true); // re-acquire extends
    expect((await db.lease.findUnique({ where: { key: "src:a" } }))?.expiresAt.getTime()).toBe(T0 + 1500);
    expect(await acquireLease(db, "src:a", "w2", 1000, { now: T0 + 1400 })).toBe(false);
    expect(await acquireLease(db, "src:a", "w2", 1000, { now: T0 + 1501 })).toBe(true); // expired: taken over
    expect((await db.lease.findUnique({ where: { key: "src:a" } }))?.holder).toBe("w2");
  });

  it("renews only for its holder before expiry, and releases only for its holder", async () => {
    const db = test.db;
    expect(await acquireLease(db, "src:b", "w1", 1000, { now: T0 })).toBe(true);
    expect(await renewLease(db, "src:b", "w2", 1000, { now: T0 + 100 })).toBe(false);
    expect(await renewLease(db, "src:b", "w1", 1000, { now: T0 + 900 })).toBe(true);
    expect(await renewLease(db, "src:b", "w1", 1000, { now: T0 + 2000 })).toBe(false); // lapsed at T0+1900
    expect(await releaseLease(db, "src:b", "w2")).toBe(false);
    expect(await releaseLease(db, "src:b", "w1")).toBe(true);
    expect(await releaseLease(db, "src:b", "w1")).toBe(false);
    expect(await acquireLease(db, "src:b", "w2", 1000, { now: T0 })).toBe(true);
  });

  it("rejects empty keys, holders and bad ttls", async () => {
    await expect(acquireLease(test.db, "", "w", 1000)).rejects.toThrow(/key/);
    await expect(acquireLease(test.db, "k", "", 1000)).rejects.toThrow(/holder/);
    await expect(acquireLease(test.db, "k", "w", 0)).rejects.toThrow(/ttlMs/);
    await expect(renewLease(test.db, "k", "w", Number.NaN)).rejects.toThrow(/ttlMs/);
  });

  it("gives each free key to exactly one of two racing workers", async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `race:new:${i}`);
    const results = await Promise.all(
      keys.flatMap((key) =>
        [acquireLease(test.db, key, "w1", 60_000), acquireLease(other, key, "w2", 60_000)].map((p) => p.then((won) => ({ key, won }))),
      ),
    );
    for (const key of keys) expect(results.filter((r) => r.key === key && r.won)).toHaveLength(1);
    const rows = await test.db.lease.findMany({ where: { key: { startsWith: "race:new:" } } });
    expect(rows).toHaveLength(keys.length);
    // The stored holder is the one that was told it won.
    for (const row of rows) {
      const winner = results.findIndex((r) => r.key === row.key && r.won);
      expect(row.holder).toBe(winner % 2 === 0 ? "w1" : "w2");
    }
  });

  it("gives each expired key to exactly one of two racing workers", async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `race:old:${i}`);
    for (const key of keys) await acquireLease(test.db, key, "dead", 10, { now: T0 });
    const results = await Promise.all(
      keys.flatMap((key) => [acquireLease(test.db, key, "w1", 60_000), acquireLease(other, key, "w2", 60_000)]),
    );
    for (let i = 0; i < keys.length; i++) expect(Number(results[2 * i]) + Number(results[2 * i + 1])).toBe(1);
  });

  it("never lets two ingest workers work on the same source at once", async () => {
    let inside = 0;
    let maxInside = 0;
    let ran = 0;
    const worker = (db: Db, name: string) => async () => {
      for (let round = 0; round < 15; round++) {
        await withLease(db, "ingest:aws:orders", name, 5_000, async () => {
          inside++;
          ran++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 2));
          inside--;
        });
        await new Promise((r) => setTimeout(r, 1));
      }
    };
    await Promise.all([worker(test.db, "w1")(), worker(other, "w2")(), worker(other, "w3")()]);
    expect(maxInside).toBe(1);
    expect(ran).toBeGreaterThan(0);
    expect(await test.db.lease.findUnique({ where: { key: "ingest:aws:orders" } })).toBeNull(); // released
  });

  it("withLease renews while the work runs and reports a lost lease", async () => {
    // ttls long enough that a loaded machine still renews in time (renewals every ttl/3)
    const result = await withLease(test.db, "renewed", "w1", 600, async (lost) => {
      await new Promise((r) => setTimeout(r, 1_500)); // longer than the ttl: renewals keep it
      const blocked = await acquireLease(other, "renewed", "w2", 600);
      return { blocked: !blocked, lost: lost() };
    });
    expect(result).toEqual({ acquired: true, value: { blocked: true, lost: false } });
    const stolen = await withLease(test.db, "stolen", "w1", 600, async (lost) => {
      await test.db.lease.update({ where: { key: "stolen" }, data: { holder: "intruder" } });
      await new Promise((r) => setTimeout(r, 800));
      return lost();
    });
    expect(stolen.value).toBe(true);
    expect((await test.db.lease.findUnique({ where: { key: "stolen" } }))?.holder).toBe("intruder"); // not released by w1
  });

  it("withLeaseWaiting makes workers take turns instead of skipping, and gives up after waitMs", async () => {
    let inside = 0;
    let maxInside = 0;
    const order: string[] = [];
    await Promise.all(
      ["w1", "w2", "w3", "w4"].map((name, i) =>
        withLeaseWaiting(i % 2 ? other : test.db, "turns", name, 5_000, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 15));
          order.push(name);
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    expect([...order].sort()).toEqual(["w1", "w2", "w3", "w4"]); // every one ran, none skipped
    await acquireLease(test.db, "busy", "holder", 60_000);
    await expect(withLeaseWaiting(other, "busy", "w2", 1_000, async () => "ran", { waitMs: 100 })).rejects.toThrow(
      /lease busy is still held/,
    );
  });

  it("withLeases runs only with every key, gives back what it took when one is held, and never lets overlapping sets run together", async () => {
    await acquireLease(test.db, "region:b", "other-worker", 60_000);
    const blocked = await withLeases(other, ["region:a", "region:b", "region:c"], "w1", 60_000, async () => "ran");
    expect(blocked).toEqual({ acquired: false });
    expect(await test.db.lease.findMany({ where: { key: { in: ["region:a", "region:c"] } } })).toEqual([]); // given back
    await releaseLease(test.db, "region:b", "other-worker");

    let inside = 0;
    let maxInside = 0;
    let ran = 0;
    const sets = [["r:x", "r:y"], ["r:y"], ["r:y", "r:z", "r:x"]];
    await Promise.all(
      sets.map(async (keys, i) => {
        for (let round = 0; round < 10; round++) {
          await withLeases(i % 2 ? other : test.db, keys, `w${i}`, 5_000, async () => {
            inside++;
            ran++;
            maxInside = Math.max(maxInside, inside);
            await new Promise((r) => setTimeout(r, 3));
            inside--;
          });
          await new Promise((r) => setTimeout(r, 1));
        }
      }),
    );
    expect(maxInside).toBe(1); // every pair of sets shares r:y
    expect(ran).toBeGreaterThan(0);
    expect(await test.db.lease.count({ where: { key: { startsWith: "r:" } } })).toBe(0);
    await expect(withLeases(test.db, [], "w1", 1_000, async () => 1)).rejects.toThrow(/at least one key/);
  });
});
