import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveExecution } from "../../lib/db/save-execution";
import { createTestDb } from "../../lib/db/test-db";
import { generateDemo } from "../../lib/examples/generate-demo";
import type { IngestedExecution } from "../../lib/ingest/types";
import { fingerprintStore } from "./store-checksum";

let a: Awaited<ReturnType<typeof createTestDb>>;
let b: Awaited<ReturnType<typeof createTestDb>>;
const executions: IngestedExecution[] = [];

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDb(), createTestDb()]);
  for await (const e of generateDemo({ count: 6, seed: 5, now: new Date(Date.UTC(2026, 9, 1)) })) executions.push(e);
});
afterAll(async () => {
  await a.close();
  await b.close();
});

describe("fingerprintStore", () => {
  it("is equal for the same executions stored in any order, and sees a half-stored history", async () => {
    for (const e of executions) await saveExecution(a.db, e);
    for (const e of [...executions].reverse()) await saveExecution(b.db, e);
    const fa = await fingerprintStore(a.db);
    const fb = await fingerprintStore(b.db);
    expect(fa).toEqual(fb);
    expect(fa.executions).toBe(6);
    expect(fa.events).toBe(executions.reduce((n, e) => n + e.events.length, 0));
    expect(fa.mismatched).toEqual([]);

    const victim = await b.db.historyEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    await b.db.historyEvent.delete({ where: { id: victim.id } });
    const broken = await fingerprintStore(b.db);
    expect(broken.mismatched).toHaveLength(1);
    expect(broken.checksum).not.toBe(fa.checksum);
  });
});
