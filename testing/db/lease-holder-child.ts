import { createDb } from "../../lib/db/client";
import { processHolder } from "../../lib/db/lease-holder";
import { renewLease, withLease } from "../../lib/db/leases";

/*
 * A separate process holding a lease, for tests of crash leftovers:
 *   node --import tsx testing/db/lease-holder-child.ts <key> <ttlMs>   (store from DATABASE_URL)
 * Takes <key> with withLease (so it renews every ttl/3), prints "held <holder>" and keeps it until
 * killed. A line "stick" on stdin stops its event loop for good after printing "stuck": the process
 * stays alive but no longer renews, like a worker hung in a loop.
 */
const [key, ttl] = process.argv.slice(2);
const db = createDb();
const holder = processHolder();
const run = await withLease(db, key, holder, Number(ttl), async () => {
  await renewLease(db, key, holder, Number(ttl)); // the renewal's query is ready before anyone counts on it
  process.stdout.write(`held ${holder}\n`);
  process.stdin.on("data", (chunk: Buffer) => {
    if (!chunk.toString().includes("stick")) return;
    process.stdout.write("stuck\n", () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0));
  });
  await new Promise(() => {}); // until killed
});
if (!run.acquired) process.stdout.write("not acquired\n");
process.exit(1);
