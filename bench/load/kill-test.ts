/**
 * Kill test: imports the same sources into two SQLite stores, one in a single clean run (the
 * reference) and one while the import process is SIGKILLed at random points and the server
 * (`statelens serve`, readers hitting it) is SIGKILLed and restarted; between rounds a random
 * 20-70% of the stored executions are deleted (as a prune would), so every round has work to be
 * killed in. Then a last import runs to the end. The crashed store must equal the reference: same counts, no execution whose eventCount
 * differs from its HistoryEvent rows, the same checksum over every event, and `integrity_check` ok.
 *
 *   npx tsx bench/load/kill-test.ts [--rounds 10] [--demo 300] [--port 3490] [--seed 1] [--histories test-data/histories]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { seededRandom } from "../../lib/asl/ports";
import { createDb, pgSchemaOf } from "../../lib/db/client";
import { removeStoredContribution } from "../../lib/db/over-time-buckets";
import { resolveDatabaseUrl } from "../../lib/db/database-url";
import { runReaders, type Sample } from "./reader-pool";
import { HISTORIES_DIR } from "../../testing/corpus";
import { ROOT, startServe, type ServeHandle } from "./serve-process";
import { fingerprintStore } from "./store-checksum";
import { writeDemoHistories } from "../../testing/ingest/write-demo-histories";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "10" },
    demo: { type: "string", default: "300" },
    port: { type: "string", default: "3490" },
    seed: { type: "string", default: String(Date.now() % 100_000) },
    histories: { type: "string", default: HISTORIES_DIR },
  },
});
const rand = seededRandom(Number(args.seed)).random;
const between = (lo: number, hi: number) => Math.round(lo + rand() * (hi - lo));

function startImport(sources: string[], databaseUrl: string): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, ["bin/statelens.mjs", "import", ...sources, "--json"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "ignore",
    detached: true,
  });
  return { child, done: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deletes a random `fraction` of the stored executions (their events and state runs cascade). */
async function deleteSome(databaseUrl: string, fraction: number): Promise<number> {
  const db = createDb(resolveDatabaseUrl(databaseUrl));
  try {
    const ids = (await db.execution.findMany({ select: { id: true } })).map((e) => e.id).filter(() => rand() < fraction);
    // The over-time buckets lose what the deleted executions added, in the same transaction.
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      await db.$transaction(async (tx) => {
        await removeStoredContribution(tx, pgSchemaOf(db), batch);
        await tx.execution.deleteMany({ where: { id: { in: batch } } });
      });
    }
    return ids.length;
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-kill-"));
  const histories = path.resolve(args.histories);
  const demoDir = path.join(dir, "demo");
  const demoEvents = await writeDemoHistories(demoDir, Number(args.demo));
  const sources = [demoDir, histories];
  console.log(
    `kill: seed ${args.seed}; sources: ${Number(args.demo)} demo histories (${demoEvents} events) + ${path.relative(ROOT, histories)}`,
  );

  const referenceUrl = `file:${path.join(dir, "reference.db")}`;
  const started = Date.now();
  const reference = startImport(sources, referenceUrl);
  const referenceExit = await reference.done;
  const cleanMs = Date.now() - started;
  if (referenceExit !== 0) throw new Error(`the reference import exited with ${referenceExit}`);
  console.log(`kill: reference import took ${cleanMs} ms`);

  const crashUrl = `file:${path.join(dir, "crash.db")}`;
  const port = Number(args.port);
  const log = { importKills: 0, importsFinished: 0, serverKills: 0, restarts: 0, deletedBetweenRounds: 0 };

  // The first server start is killed part-way (migrations, demo-less boot), then started for real.
  const early = spawn(process.execPath, ["bin/statelens.mjs", "serve", "--host", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: crashUrl },
    stdio: "ignore",
    detached: true,
  });
  await sleep(between(100, 1500));
  try {
    process.kill(-early.pid!, "SIGKILL");
    log.serverKills++;
  } catch {
    /* gone */
  }
  let server: ServeHandle = await startServe({ port, databaseUrl: crashUrl });
  log.restarts++;

  const samples: Sample[] = [];
  let reading = true;
  const readersDone = (async () => {
    while (reading)
      samples.push(
        ...(await runReaders({
          baseUrl: server.url,
          readers: 5,
          durationMs: 2_000,
          maxRequests: 2_000,
          timeoutMs: 10_000,
          next: (r, i) => ({ path: (r + i) % 2 ? "/executions" : "/api/executions", kind: (r + i) % 2 ? "page" : "api" }),
        })),
      );
  })();

  for (let round = 0; round < Number(args.rounds); round++) {
    const run = startImport(sources, crashUrl);
    const killAt = between(150, Math.max(400, Math.round(cleanMs * 1.1)));
    const outcome = await Promise.race([run.done.then(() => "finished" as const), sleep(killAt).then(() => "kill" as const)]);
    if (outcome === "kill") {
      try {
        process.kill(-run.child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
      await run.done;
      log.importKills++;
    } else log.importsFinished++;
    if (round % 3 === 1) {
      await server.stop("SIGKILL");
      log.serverKills++;
      server = await startServe({ port, databaseUrl: crashUrl });
      log.restarts++;
    }
    const deleted = await deleteSome(crashUrl, 0.2 + rand() * 0.5);
    log.deletedBetweenRounds += deleted;
    console.log(
      `kill: round ${round + 1}: import ${outcome === "kill" ? `killed after ${killAt} ms` : "finished"}${round % 3 === 1 ? ", server killed and restarted" : ""}; ${deleted} executions deleted`,
    );
  }

  const last = startImport(sources, crashUrl);
  const lastExit = await last.done;
  reading = false;
  await readersDone;
  const answered = await fetch(`${server.url}/api/executions`).then(
    (r) => r.status,
    () => 0,
  );
  await server.stop();

  const refDb = createDb(resolveDatabaseUrl(referenceUrl));
  const crashDb = createDb(resolveDatabaseUrl(crashUrl));
  const expected = await fingerprintStore(refDb);
  const actual = await fingerprintStore(crashDb);
  const integrity = (await crashDb.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check"))[0]?.integrity_check;
  await refDb.$disconnect();
  await crashDb.$disconnect();

  const readErrors = samples.filter((s) => s.error !== "" || s.status >= 500);
  const result = {
    ...log,
    lastImportExit: lastExit,
    serverAnswersAfter: answered,
    reads: samples.length,
    readErrorsWhileServerDown: readErrors.filter((s) => s.error !== "").length,
    read5xx: readErrors.filter((s) => s.status >= 500).length,
    reference: { ...expected, mismatched: expected.mismatched.length },
    crashed: { ...actual, mismatched: actual.mismatched.length },
    integrity,
  };
  console.log(JSON.stringify(result, null, 2));
  const same =
    expected.checksum === actual.checksum &&
    expected.executions === actual.executions &&
    expected.events === actual.events &&
    expected.stateRuns === actual.stateRuns &&
    expected.versions === actual.versions &&
    expected.stateMachines === actual.stateMachines;
  const ok = same && actual.mismatched.length === 0 && integrity === "ok" && lastExit === 0 && answered === 200 && result.read5xx === 0;
  console.log(
    ok
      ? "kill: PASS: nothing lost, nothing duplicated"
      : `kill: FAIL${actual.mismatched.length ? `; half-stored: ${actual.mismatched.slice(0, 5).join(", ")}` : ""}`,
  );
  rmSync(dir, { recursive: true, force: true });
  if (!ok) process.exitCode = 1;
}

await main();
