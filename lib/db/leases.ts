import type { Db } from "./client";
import { holderIsDead } from "./lease-holder";

/**
 * Time-limited claims on a key (e.g. `ingest:aws:<stateMachineArn>`), so that several ingest
 * workers sharing one store never work on the same source at the same time.
 *
 * Every operation is one conditional statement that the database applies atomically, never a read
 * followed by a write: taking a lease is `UPDATE ... WHERE key = ? AND (holder = ? OR expiresAt < now)`
 * and, when no row exists, an `INSERT` that the primary key makes fail for all but one racer. The
 * Prisma API is used rather than raw SQL because raw queries on PostgreSQL do not follow the
 * `?schema=` of the connection. Times come from the caller's clock (`now`), so hosts sharing a
 * PostgreSQL store should have synchronised clocks; keep `ttlMs` well above any clock skew.
 *
 * A lease belongs to a live holder: it lapses when its holder stops renewing it for `ttlMs` (a
 * stuck or partitioned worker), and at once when the holder is a process of this machine that is
 * gone (`processHolder()` names holders so; see lease-holder.ts), so a worker killed with SIGKILL
 * does not block the next one for a whole TTL. A holder that keeps renewing is never robbed.
 */

export interface LeaseOptions {
  /** epoch ms, for tests; defaults to Date.now() */
  now?: number;
}

function checkArgs(key: string, holder: string, ttlMs?: number): void {
  if (!key) throw new Error("lease key must not be empty");
  if (!holder) throw new Error("lease holder must not be empty");
  if (ttlMs !== undefined && (!Number.isFinite(ttlMs) || ttlMs <= 0))
    throw new Error(`lease ttlMs must be a positive number, got ${ttlMs}`);
}

function isUniqueViolation(error: unknown): boolean {
  return !!error && typeof error === "object" && (error as { code?: unknown }).code === "P2002";
}

/** Takes `key` for `holder` until now + ttlMs. True when taken (or already held by `holder`, then extended). */
export async function acquireLease(db: Db, key: string, holder: string, ttlMs: number, options: LeaseOptions = {}): Promise<boolean> {
  checkArgs(key, holder, ttlMs);
  const now = options.now ?? Date.now();
  const expiresAt = new Date(now + ttlMs);
  const taken = await db.lease.updateMany({
    where: { key, OR: [{ holder }, { expiresAt: { lt: new Date(now) } }] },
    data: { holder, expiresAt },
  });
  if (taken.count === 1) return true;
  try {
    await db.lease.create({ data: { key, holder, expiresAt } });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Someone else holds it (or just took it). If that holder's process is gone, take it over: the
  // update names the dead holder, so of several takers only the first one's applies.
  const current = await db.lease.findUnique({ where: { key }, select: { holder: true } });
  if (!current || current.holder === holder || !holderIsDead(current.holder)) return false;
  const takenOver = await db.lease.updateMany({ where: { key, holder: current.holder }, data: { holder, expiresAt } });
  return takenOver.count === 1;
}

/** Extends a lease `holder` still holds (and has not let expire). False when it was lost. */
export async function renewLease(db: Db, key: string, holder: string, ttlMs: number, options: LeaseOptions = {}): Promise<boolean> {
  checkArgs(key, holder, ttlMs);
  const now = options.now ?? Date.now();
  const renewed = await db.lease.updateMany({
    where: { key, holder, expiresAt: { gte: new Date(now) } },
    data: { expiresAt: new Date(now + ttlMs) },
  });
  return renewed.count === 1;
}

/** Gives the lease up if `holder` holds it; true when it did. */
export async function releaseLease(db: Db, key: string, holder: string): Promise<boolean> {
  checkArgs(key, holder);
  const released = await db.lease.deleteMany({ where: { key, holder } });
  return released.count === 1;
}

export interface WithLeaseResult<T> {
  acquired: boolean;
  /** the work's result, when the lease was acquired */
  value?: T;
}

/**
 * Runs `work` only if `key` can be taken, renewing the lease every ttl/3 while it runs and releasing
 * it afterwards. `work` receives a `lost()` check: true once a renewal failed (another worker may
 * have taken over), so long work can stop early. Returns `{ acquired: false }` without running
 * `work` when someone else holds the key.
 */
export async function withLease<T>(
  db: Db,
  key: string,
  holder: string,
  ttlMs: number,
  work: (lost: () => boolean) => Promise<T>,
): Promise<WithLeaseResult<T>> {
  return withLeases(db, [key], holder, ttlMs, work);
}

/**
 * `withLease` for work that touches several sources at once (e.g. one ingest run over several
 * regions): runs `work` only when every key can be taken, holding and renewing all of them while it
 * runs. Keys are taken in sorted order and, when one is held elsewhere, the ones already taken are
 * given back at once, so two workers asking for overlapping sets never wait on each other.
 */
export async function withLeases<T>(
  db: Db,
  keys: readonly string[],
  holder: string,
  ttlMs: number,
  work: (lost: () => boolean) => Promise<T>,
): Promise<WithLeaseResult<T>> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) throw new Error("withLeases needs at least one key");
  const taken: string[] = [];
  const releaseAll = () => Promise.all(taken.map((key) => releaseLease(db, key, holder).catch(() => false)));
  try {
    for (const key of sorted) {
      if (!(await acquireLease(db, key, holder, ttlMs))) {
        await releaseAll();
        return { acquired: false };
      }
      taken.push(key);
    }
  } catch (error) {
    await releaseAll();
    throw error;
  }
  let lost = false;
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = Promise.all(sorted.map((key) => renewLease(db, key, holder, ttlMs))).then(
        (ok) => {
          if (ok.includes(false)) lost = true;
        },
        () => {
          lost = true;
        },
      );
    },
    Math.max(10, Math.floor(ttlMs / 3)),
  );
  try {
    return { acquired: true, value: await work(() => lost) };
  } finally {
    clearInterval(timer);
    await renewing;
    await releaseAll();
  }
}

/**
 * Like `withLease`, but waits for a key someone else holds (polling every ~`pollMs`, up to
 * `waitMs`) instead of giving up: for short critical sections several processes must take turns
 * in, such as picking the next free name and saving under it. Throws, naming the key, when the
 * wait runs out.
 */
export async function withLeaseWaiting<T>(
  db: Db,
  key: string,
  holder: string,
  ttlMs: number,
  work: (lost: () => boolean) => Promise<T>,
  options: { waitMs?: number; pollMs?: number } = {},
): Promise<T> {
  const waitMs = options.waitMs ?? 30_000;
  const pollMs = options.pollMs ?? 20;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const run = await withLease(db, key, holder, ttlMs, work);
    if (run.acquired) return run.value as T;
    if (Date.now() >= deadline) throw new Error(`lease ${key} is still held by another worker after waiting ${waitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs / 2 + Math.random() * pollMs));
  }
}
