import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exampleInvoker } from "../examples/example-invoker";
import { generateDemo } from "../examples/generate-demo";
import { replayStored } from "../replay/replay-store";
import { holderIsDead, processHolder } from "./lease-holder";
import { acquireLease } from "./leases";
import { saveExecution } from "./save-execution";
import { processesOnAStore } from "../../testing/db/processes-on-a-store";

// Leases held by real processes that die or hang. SQLite here; PostgreSQL under `npm run test:pg`.
const ROOT = path.resolve(import.meta.dirname, "../..");
const { store: testStore, children } = processesOnAStore();

/** Starts a process holding `key` (renewing every ttl/3); resolves once it holds it. */
async function holderProcess(
  key: string,
  ttlMs: number,
): Promise<{ child: ChildProcess; holder: string; next: (line: string) => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "testing/db/lease-holder-child.ts", key, String(ttlMs)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: testStore().target.url },
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  const waiters: (() => void)[] = [];
  child.stdout!.on("data", (c: Buffer) => {
    out += c.toString();
    for (const w of waiters.splice(0)) w();
  });
  child.stderr!.on("data", (c: Buffer) => void (err += c.toString()));
  const next = (line: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () =>
        out.includes(line)
          ? resolve()
          : child.exitCode !== null
            ? reject(new Error(`lease holder exited: ${out}${err}`))
            : waiters.push(check);
      child.once("exit", check);
      check();
    });
  await next("held ");
  return { child, holder: /held (\S+)/.exec(out)![1], next };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

describe("leases of processes that die or hang", () => {
  it("a lease whose holder was killed with SIGKILL is taken at once, long before its TTL", async () => {
    const { child, holder } = await holderProcess("crash:killed", 60_000);
    expect(await acquireLease(testStore().db, "crash:killed", processHolder(), 60_000)).toBe(false); // alive: held
    child.kill("SIGKILL");
    await exited(child);
    expect(holderIsDead(holder)).toBe(true);
    const started = Date.now();
    const taker = processHolder();
    expect(await acquireLease(testStore().db, "crash:killed", taker, 60_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await testStore().db.lease.findUnique({ where: { key: "crash:killed" } }))?.holder).toBe(taker);
  }, 120_000);

  it("a live holder that keeps renewing is never robbed; once it hangs it loses the lease after its TTL", async () => {
    const ttl = 6_000; // renewed every 2 s: slack for a loaded machine
    const { child, next } = await holderProcess("crash:stuck", ttl);
    const taker = processHolder();
    const until = Date.now() + 2 * ttl;
    while (Date.now() < until) {
      expect(await acquireLease(testStore().db, "crash:stuck", taker, ttl)).toBe(false);
      await new Promise((r) => setTimeout(r, 200));
    }
    child.stdin!.write("stick\n");
    await next("stuck");
    const stuckAt = Date.now();
    expect(await acquireLease(testStore().db, "crash:stuck", taker, ttl)).toBe(false); // alive and within its TTL
    let takenAfter = -1;
    while (Date.now() - stuckAt < 3 * ttl) {
      if (await acquireLease(testStore().db, "crash:stuck", taker, ttl)) {
        takenAfter = Date.now() - stuckAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    // its last renewal was at most ttl/3 before it hung, so the lease ran out 2/3 ttl to ttl later
    expect(takenAfter).toBeGreaterThanOrEqual((2 * ttl) / 3 - 500);
    expect(takenAfter).toBeLessThanOrEqual(ttl + 3_000);
    expect(child.exitCode).toBe(null); // it was alive all along
  }, 120_000);

  it("the next replay of an execution whose replaying process was killed succeeds at once", async () => {
    let id = "";
    let arn = "";
    for await (const execution of generateDemo({ count: 1, now: new Date("2026-02-01T00:00:00Z") }))
      ({ id, executionArn: arn } = { id: (await saveExecution(testStore().db, execution)).id, executionArn: execution.executionArn });
    const { child } = await holderProcess(`replay:${arn}`, 60_000); // the lease a replay holds while it saves
    child.kill("SIGKILL");
    await exited(child);
    const started = Date.now();
    const result = await replayStored(testStore().db, id, { onMissing: "examples", exampleHandlers: exampleInvoker, actor: "test" });
    expect(result.replay.id).toEqual(expect.any(String));
    expect(Date.now() - started).toBeLessThan(10_000); // before: waited 30 s for the 60 s lease, then failed
  }, 120_000);
});
