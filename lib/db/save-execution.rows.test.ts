import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../examples/generate-demo";
import { executionsFromFile } from "../ingest/ingest-folder";
import type { IngestedExecution } from "../ingest/types";
import { saveExecution, saveExecutions } from "./save-execution";
import { saveExecutionReference } from "./save-execution-reference";
import { dumpStore, searchIndexAnswers } from "./store-dump";
import { createTestDb } from "./test-db";

/*
 * The write path stores exactly the rows the ORM path stored: a corpus of histories (the AWS
 * histories under test-data, demo runs, and edge cases: re-ingestion of a changed execution,
 * unchanged saves, replays, U+0000 in payloads, a second definition of one machine, executions
 * without a definition) goes through saveExecutionReference into one store and saveExecution
 * into another, in the same order; then every table is compared row by row (ids replaced by
 * what they stand for) and, on SQLite, the FTS5 search index by what it finds. Runs on both
 * stores (PostgreSQL under `npm run test:pg`).
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
type Save = (execution: IngestedExecution, replayOf?: string) => Promise<{ outcome: string; id: string }>;

async function corpus(): Promise<{ steps: { execution: IngestedExecution; replayOfArn?: string }[] }> {
  const dir = path.join(ROOT, "test-data/histories");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".history.json"))
    .sort();
  const aws = files.flatMap((f) => executionsFromFile(path.join(dir, f)));
  const demo: IngestedExecution[] = [];
  for await (const e of generateDemo({ count: 40, seed: 7, now: new Date(Date.UTC(2026, 9, 1)) })) demo.push(e);
  const steps: { execution: IngestedExecution; replayOfArn?: string }[] = [];
  // first a partial, running view of some executions (later replaced by their full history)
  for (const e of demo.slice(0, 10)) {
    const events = e.events.slice(0, Math.max(1, Math.floor(e.events.length / 2)));
    steps.push({ execution: { ...e, status: "RUNNING", stopDate: null, output: null, error: null, cause: null, events } });
  }
  for (const e of aws) steps.push({ execution: e });
  for (const e of demo) steps.push({ execution: e });
  for (const e of demo.slice(0, 5)) steps.push({ execution: e }); // unchanged
  for (const e of demo.slice(5, 8)) steps.push({ execution: { ...e, redriveCount: e.redriveCount + 1 } }); // redriven: updated
  const first = demo[0];
  steps.push({
    execution: { ...first, executionArn: `${first.executionArn}-replay-1`, name: `${first.name}-replay-1`, source: "replay" },
    replayOfArn: first.executionArn,
  });
  steps.push({
    execution: {
      ...first,
      executionArn: `${first.executionArn}-nul`,
      name: `${first.name}-nul`,
      input: '{"a":"x\\u0000y","b":"\u0000\uffff"}',
      error: "Err\u0000or",
      cause: "cause \uffff0",
    },
  });
  steps.push({
    execution: {
      ...first,
      executionArn: `${first.executionArn}-v2`,
      name: `${first.name}-v2`,
      definition: `${first.definition ?? "{}"}\n`,
      stateMachineVersionArn: `${first.stateMachineArn}:2`,
      revisionId: "rev-2",
    },
  });
  steps.push({ execution: { ...first, executionArn: `${first.executionArn}-nodef`, name: `${first.name}-nodef`, definition: null } });
  steps.push({
    execution: {
      ...demo[1],
      executionArn: `${demo[1].executionArn}-express`,
      name: `${demo[1].name}-express`,
      type: "EXPRESS",
      incomplete: "only the logged events",
      region: "eu-west-1",
      accountId: "222222222222",
      parentExecutionArn: first.executionArn,
      mapRunArn: `${first.stateMachineArn}/map:1`,
    },
  });
  return { steps };
}

async function fill(save: Save, steps: Awaited<ReturnType<typeof corpus>>["steps"]): Promise<string[]> {
  const outcomes: string[] = [];
  const ids = new Map<string, string>();
  for (const step of steps) {
    const replayOf = step.replayOfArn ? ids.get(step.replayOfArn) : undefined;
    const { outcome, id } = await save(step.execution, replayOf);
    ids.set(step.execution.executionArn, id);
    outcomes.push(outcome);
  }
  return outcomes;
}

describe("saveExecution writes the rows the ORM path wrote", () => {
  let before: Awaited<ReturnType<typeof createTestDb>>;
  let after: Awaited<ReturnType<typeof createTestDb>>;
  let steps: Awaited<ReturnType<typeof corpus>>["steps"];
  beforeAll(async () => {
    before = await createTestDb();
    after = await createTestDb();
    steps = (await corpus()).steps;
  });
  afterAll(async () => {
    await before?.close();
    await after?.close();
  });

  it("saveExecutions, in batches of several executions a transaction, writes the same rows and outcomes", async () => {
    const batched = await createTestDb();
    const single = await createTestDb();
    try {
      const replay = (id?: string) => (id ? { replayOfId: id, replayCheckpoint: "3", replayEdits: '{"edit":1}' } : {});
      const one = await fill((e, r) => saveExecution(single.db, e, replay(r)), steps);
      const many: string[] = [];
      const ids = new Map<string, string>();
      let pending: Awaited<ReturnType<typeof corpus>>["steps"] = [];
      const flush = async () => {
        const saved = await saveExecutions(
          batched.db,
          pending.map((s) => ({ execution: s.execution, options: replay(s.replayOfArn ? ids.get(s.replayOfArn) : undefined) })),
        );
        saved.forEach(({ outcome, id }, i) => {
          many.push(outcome);
          ids.set(pending[i].execution.executionArn, id);
        });
        pending = [];
      };
      // batches of 7, which put a partial view and its full history (and unchanged re-saves) in one batch sometimes
      for (const step of [...steps, ...steps.slice(0, 12)]) {
        if (step.replayOfArn || pending.length === 7) await flush();
        pending.push(step);
      }
      await flush();
      const oneMore = await fill((e, r) => saveExecution(single.db, e, replay(r)), steps.slice(0, 12));
      expect(many).toEqual([...one, ...oneMore]);
      const a = await dumpStore(single.target);
      const b = await dumpStore(batched.target);
      for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table]);
      if (!process.env.STATELENS_TEST_DATABASE) {
        const terms = steps.filter((_, i) => i % 5 === 0).map((s) => s.execution.name.toLowerCase());
        expect(searchIndexAnswers(batched.target.location, terms)).toEqual(searchIndexAnswers(single.target.location, terms));
      }
    } finally {
      await batched.close();
      await single.close();
    }
  }, 240_000);

  it("the same outcomes and the same rows in every table", async () => {
    const replay = (id?: string) => (id ? { replayOfId: id, replayCheckpoint: "3", replayEdits: '{"edit":1}' } : {});
    const old = await fill((e, r) => saveExecutionReference(before.db, e, replay(r)), steps);
    const now = await fill((e, r) => saveExecution(after.db, e, replay(r)), steps);
    expect(now).toEqual(old);
    expect(new Set(old)).toEqual(new Set(["inserted", "updated", "unchanged"]));

    const a = await dumpStore(before.target);
    const b = await dumpStore(after.target);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const table of Object.keys(a)) {
      expect(b[table].length, table).toBe(a[table].length);
      expect(b[table], table).toEqual(a[table]);
    }
    expect(a.HistoryEvent.length).toBeGreaterThan(4_000);
    expect(a.StateRun.length).toBeGreaterThan(500);
    expect(a.ExecutionHourBucket.length).toBeGreaterThan(10);
  }, 240_000);

  it.runIf(!process.env.STATELENS_TEST_DATABASE)("the same answers from the FTS5 search index", () => {
    const terms = new Set<string>(["err", "paymentdeclined", "replay-1"]);
    for (const { execution } of steps.filter((_, i) => i % 7 === 0)) {
      terms.add(execution.name.toLowerCase());
      const payload = (execution.input ?? "").toLowerCase();
      if (payload.length >= 8) terms.add(payload.slice(2, 8));
    }
    const a = searchIndexAnswers(before.target.location, [...terms]);
    const b = searchIndexAnswers(after.target.location, [...terms]);
    expect(b).toEqual(a);
    expect(Object.values(a).filter((arns) => arns.length > 0).length).toBeGreaterThan(20);
  });
});
