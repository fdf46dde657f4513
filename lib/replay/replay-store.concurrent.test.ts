import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleInvoker } from "../examples/example-invoker";
import { createDb, type Db } from "../db/client";
import { saveExecution } from "../db/save-execution";
import { createTestDb } from "../db/test-db";
import { generateDemo } from "../examples/generate-demo";
import { replayStored } from "./replay-store";

// Several app instances (or CLI runs) replaying one execution at the same time, each through its
// own database client. SQLite here; PostgreSQL under `npm run test:pg`.
let test: Awaited<ReturnType<typeof createTestDb>>;
let clients: Db[];
let originalId = "";

beforeAll(async () => {
  test = await createTestDb();
  clients = [test.db, createDb(test.target), createDb(test.target)];
  for await (const execution of generateDemo({ count: 3, now: new Date("2026-02-01T00:00:00Z") })) {
    originalId ||= (await saveExecution(test.db, execution)).id;
  }
});
afterAll(async () => {
  for (const client of clients.slice(1)) await client.$disconnect();
  await test.close();
});

describe("replayStored under concurrency", () => {
  it("stores every one of many simultaneous replays of one execution as its own row, none lost or overwritten", async () => {
    const rounds = 4;
    const results = await Promise.all(
      Array.from({ length: rounds * clients.length }, (_, i) =>
        replayStored(clients[i % clients.length], originalId, { onMissing: "examples", exampleHandlers: exampleInvoker, actor: `op${i}` }),
      ),
    );
    const ids = results.map((r) => r.replay.id);
    expect(ids.every((id) => typeof id === "string")).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(results.map((r) => r.replay.name)).size).toBe(ids.length);
    const stored = await test.db.execution.findMany({ where: { replayOfId: originalId }, select: { id: true, executionArn: true } });
    expect(stored.map((s) => s.id).sort()).toEqual([...ids].sort());
    const suffixes = stored.map((s) => Number(/-replay-(\d+)$/.exec(s.executionArn)![1])).sort((a, b) => a - b);
    expect(suffixes).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    expect(await test.db.lease.count()).toBe(0); // every claim released
  });
});
