import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../lib/db/test-db";
import { saveExecution } from "../../lib/db/save-execution";
import { executionsFromFile } from "../../lib/ingest/ingest-folder";
import { IngestFormatError } from "../../lib/ingest/parse-json-text";
import type { IngestedExecution } from "../../lib/ingest/types";
import { fuzzSeeds } from "./fuzz-seeds";
import { historySeeds, type HistorySeed } from "./history-seeds";
import { explainsEmptyHistory, explainsSaveError } from "./known-issues";
import { applyMutations, damageText, mutation, textDamage } from "./mutate-json";
import { tableCounts } from "./table-counts";

// Damaged history files through the real import path (format detection, parsers, saveExecution
// on a test store: SQLite, or PostgreSQL under STATELENS_TEST_DATABASE). Properties: parsing fails
// only with IngestFormatError and a message; the store either takes the whole execution (events
// and state runs consistent) or nothing (row counts unchanged).
// Each property runs once per seed of fuzzSeeds() (CI's fixed list, or FC_SEED=1,2,3 by hand);
// FUZZ_RUNS scales the run count per seed.
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-fuzz-import-"));
let test: Awaited<ReturnType<typeof createTestDb>>;
let pool: HistorySeed[];

beforeAll(async () => {
  test = await createTestDb();
  pool = await historySeeds();
});
afterAll(async () => {
  await test.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Errors that mean a bug in our code rather than a refusal of bad input. */
function isProgrammingError(error: unknown): boolean {
  return error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError;
}

const damagedFile = () =>
  fc.record({
    pick: fc.nat(),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
    damage: fc.option(textDamage, { freq: 4 }),
    // the same name again exercises the update path (replace the stored history)
    name: fc.constantFrom("same", "same", "other"),
  });

function writeCase(
  c: { pick: number; mutations: Parameters<typeof applyMutations>[1]; damage: Parameters<typeof damageText>[1] | null; name: string },
  n: number,
): string {
  const source = pool[c.pick % pool.length];
  let text = JSON.stringify(applyMutations(source.doc, c.mutations));
  if (c.damage) text = damageText(text, c.damage);
  const base = path.join(dir, `${c.name}-${c.name === "same" ? 0 : n}`);
  writeFileSync(`${base}.history.json`, text);
  if (source.definition) writeFileSync(`${base}.definition.json`, source.definition);
  else rmSync(`${base}.definition.json`, { force: true });
  return `${base}.history.json`;
}

describe.each(fuzzSeeds())("fuzz: history import (seed %i)", (seed) => {
  it("parses damaged files into executions or fails with IngestFormatError naming the problem", async () => {
    let n = 0;
    const outcomes = { parsed: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(damagedFile(), async (c) => {
        const file = writeCase(c, n++);
        let executions: IngestedExecution[] | null = null;
        let failure: unknown = null;
        try {
          executions = executionsFromFile(file);
        } catch (error) {
          failure = error;
        }
        if (executions) {
          outcomes.parsed++;
          for (const e of executions) {
            if (!explainsEmptyHistory(e)) expect(e.events.length, `${e.executionArn}: an execution without events`).toBeGreaterThan(0);
            expect(Number.isNaN(e.startDate.getTime()), `${e.executionArn}: invalid start date`).toBe(false);
          }
        } else {
          outcomes.refused++;
          expect(failure, String((failure as Error)?.stack ?? failure)).toBeInstanceOf(IngestFormatError);
          expect((failure as Error).message.length).toBeGreaterThan(5);
        }
      }),
      { numRuns: RUNS * 2, seed },
    );
    console.info(`fuzz import → parse: ${JSON.stringify(outcomes)}`);
    expect(outcomes.parsed).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it("stores a whole execution or nothing at all", async () => {
    const db = test.db;
    let n = 0;
    const outcomes = { stored: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(damagedFile(), async (c) => {
        let executions: IngestedExecution[];
        try {
          executions = executionsFromFile(writeCase(c, n++));
        } catch {
          return; // refusals are the other property's business
        }
        for (const execution of executions) {
          const before = await tableCounts(db);
          try {
            const { id } = await saveExecution(db, execution);
            outcomes.stored++;
            const row = await db.execution.findUniqueOrThrow({
              where: { id },
              select: { eventCount: true, _count: { select: { events: true } } },
            });
            expect(row._count.events).toBe(row.eventCount);
          } catch (error) {
            outcomes.failed++;
            if (!explainsSaveError(execution, error))
              expect(isProgrammingError(error), `saveExecution crashed: ${String((error as Error)?.stack ?? error)}`).toBe(false);
            expect(error).toBeInstanceOf(Error);
            expect((error as Error).message.length).toBeGreaterThan(0);
            expect(await tableCounts(db)).toEqual(before);
          }
        }
      }),
      { numRuns: RUNS, seed },
    );
    console.info(`fuzz import → store (${test.target.kind}): ${JSON.stringify(outcomes)}`);
    expect(outcomes.stored).toBeGreaterThan(0);
  });

  it("leaves the store as it was when the database refuses an execution part-way (insert and update)", async () => {
    const db = test.db;
    const valid = pool.flatMap((_, i) => {
      const file = writeCase({ pick: i, mutations: [], damage: null, name: `valid${i}` }, 0);
      return executionsFromFile(file).filter((e) => e.events.length > 3);
    });
    const outcomes = { stored: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(fc.record({ kind: fc.constantFrom("dup-id", "big-id", "nul", "late-dup"), at: fc.nat() }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (pick, breaks, storedFirst) => {
          const original = valid[pick % valid.length];
          const arn = `${original.executionArn}-${pick % 7}`;
          if (storedFirst) await saveExecution(db, { ...original, executionArn: arn });
          const events = original.events.map((e) => structuredClone(e));
          for (const b of breaks) {
            const i = b.at % events.length;
            if (b.kind === "dup-id" || b.kind === "late-dup")
              events.splice(b.kind === "late-dup" ? events.length : i, 0, { ...structuredClone(events[i]), id: events[i].id });
            else if (b.kind === "big-id") events[i] = { ...events[i], id: 2 ** 31 + i };
            else events[i] = { ...events[i], type: `${events[i].type}\u0000` };
          }
          const broken: IngestedExecution = { ...original, executionArn: arn, status: storedFirst ? "FAILED" : original.status, events };
          const before = await tableCounts(db);
          const storedEvents = await db.historyEvent.findMany({
            where: { execution: { executionArn: arn } },
            orderBy: { eventId: "asc" },
            select: { eventId: true, type: true },
          });
          try {
            await saveExecution(db, broken);
            outcomes.stored++;
            const row = await db.execution.findUniqueOrThrow({
              where: { executionArn: arn },
              select: { eventCount: true, _count: { select: { events: true } } },
            });
            expect(row._count.events).toBe(row.eventCount);
          } catch (error) {
            outcomes.refused++;
            expect(isProgrammingError(error), `saveExecution crashed: ${String((error as Error)?.stack ?? error)}`).toBe(false);
            expect(await tableCounts(db)).toEqual(before);
            const after = await db.historyEvent.findMany({
              where: { execution: { executionArn: arn } },
              orderBy: { eventId: "asc" },
              select: { eventId: true, type: true },
            });
            expect(after).toEqual(storedEvents); // an update that failed kept the old history
          }
        },
      ),
      { numRuns: RUNS, seed },
    );
    console.info(`fuzz store refusals (${test.target.kind}): ${JSON.stringify(outcomes)}`);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
