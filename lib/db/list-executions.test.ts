import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IngestedExecution } from "../ingest/types";
import { compileInputCondition } from "../server/input-condition";
import { listExecutions, type ExecutionFilter } from "./list-executions";
import { saveExecution } from "./save-execution";
import { createTestDb } from "./test-db";

const INPUTS = [
  '{"amount":5}',
  '{"amount":150}',
  '{"amount":"150"}',
  '[{"amount":150}]',
  '{"amount":[1,150]}',
  '{"amount":1,"amount":150}',
  '{"\\u0061mount":150}',
  "{}",
  "",
  '{"order":{"total":120,"currency":"EUR"}}',
  '{"order":{"total":80,"currency":"USD"}}',
  '{"order":[{"total":500}]}',
  '{"order":{"total":"120"}}',
  '{"flag":true,"amount":100}',
  '{"flag":false,"amount":101}',
  "null",
  "150",
];

function execution(i: number): IngestedExecution {
  const name = `run-${String(i).padStart(3, "0")}`;
  const machine = i % 3 === 0 ? "Billing" : "Orders";
  return {
    executionArn: `arn:aws:states:us-east-1:111111111111:execution:${machine}:${name}`,
    name,
    stateMachineArn: `arn:aws:states:us-east-1:111111111111:stateMachine:${machine}`,
    stateMachineName: machine,
    type: "STANDARD",
    status: i % 4 === 0 ? "FAILED" : "SUCCEEDED",
    // every third pair shares a start date, so the id tie-break is exercised
    startDate: new Date(Date.UTC(2026, 9, 1, 9, 0, Math.floor(i / 2))),
    stopDate: new Date(Date.UTC(2026, 9, 1, 9, 30, 0)),
    input: INPUTS[i % INPUTS.length] === "" ? null : INPUTS[i % INPUTS.length],
    output: null,
    error: i % 4 === 0 ? "Failed" : null,
    cause: null,
    redriveCount: 0,
    source: "file",
    definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
    events: [],
  };
}

/** Every page of a listing, following the cursor. */
async function allPages(ctx: { db: Parameters<typeof listExecutions>[0] }, filter: ExecutionFilter): Promise<string[][]> {
  const pages: string[][] = [];
  let after: ExecutionFilter["after"];
  for (;;) {
    const page = await listExecutions(ctx.db, { ...filter, after });
    pages.push(page.rows.map((r) => r.name));
    expect(page.scanLimited).toBeUndefined();
    if (!page.hasMore) return pages;
    const last = page.rows[page.rows.length - 1];
    after = { startDate: last.startDate, id: last.id };
  }
}

describe("listExecutions: the SQL prefilter gives the pages the JS scan gives", () => {
  let ctx: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    ctx = await createTestDb();
    for (let i = 0; i < 68; i++) await saveExecution(ctx.db, execution(i));
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
  });

  const conditions = [
    "amount > 100",
    "$.amount = 150",
    "amount != 5",
    "150 <= amount",
    '$.order.currency = "EUR"',
    'order.total > 100 and order.currency != "USD"',
    "amount > 100 or order.total < 100",
    "flag = true",
    "flag = false and amount > 100",
    'order.total >= "100"',
    "amount > 100 and $count(order) = 0",
  ];
  for (const text of conditions) {
    const extras: ExecutionFilter[] = [
      {},
      { status: ["SUCCEEDED"] },
      { status: ["FAILED", "SUCCEEDED"] },
      { error: "Failed", source: ["file"] },
      { from: new Date(Date.UTC(2026, 9, 1, 9, 0, 5)), to: new Date(Date.UTC(2026, 9, 1, 9, 0, 25)) },
      { q: "run-0" },
    ];
    for (const extra of extras) {
      it(`${text} ${JSON.stringify(extra)}`, async () => {
        const compiled = compileInputCondition(text);
        const scan = { test: compiled.test }; // no text: nothing pushed down
        for (const limit of [2, 7, 50]) {
          const pushed = await allPages(ctx, { ...extra, limit, inputCondition: compiled });
          const scanned = await allPages(ctx, { ...extra, limit, inputCondition: scan });
          expect(pushed).toEqual(scanned);
        }
      });
    }
  }

  it("examines the same window as the scan when the scan limit cuts a page short", async () => {
    for (const text of ["amount > 100", "order.total > 100 or flag = true", '$.order.currency = "EUR"']) {
      const compiled = compileInputCondition(text);
      for (const extra of [{}, { status: ["SUCCEEDED"] }] as ExecutionFilter[]) {
        for (const scanLimit of [1, 4, 9, 17, 40]) {
          for (const limit of [2, 5]) {
            // follow the cursor (from the last row shown) page by page, both ways
            let after: ExecutionFilter["after"];
            for (let pageNo = 0; pageNo < 12; pageNo++) {
              const pushed = await listExecutions(ctx.db, { ...extra, limit, after, inputCondition: compiled }, { scanLimit });
              const scanned = await listExecutions(
                ctx.db,
                { ...extra, limit, after, inputCondition: { test: compiled.test } },
                { scanLimit },
              );
              const label = `${text} ${JSON.stringify(extra)} scanLimit ${scanLimit} limit ${limit} page ${pageNo}`;
              expect({ ...pushed, rows: pushed.rows.map((r) => r.name) }, label).toEqual({
                ...scanned,
                rows: scanned.rows.map((r) => r.name),
              });
              const last = pushed.rows[pushed.rows.length - 1];
              if (!pushed.hasMore || !last) break;
              after = { startDate: last.startDate, id: last.id };
            }
          }
        }
      }
    }
  }, 120_000);

  it("refuses a scan limit that is not a positive integer", async () => {
    await expect(listExecutions(ctx.db, { inputCondition: compileInputCondition("a = 1") }, { scanLimit: 0 })).rejects.toThrow(
      /scanLimit must be a positive integer, got 0/,
    );
  });

  it("finds what the JSONata condition finds, reading candidates through the SQL prefilter", async () => {
    const compiled = compileInputCondition("amount > 100");
    let expected = 0;
    for (let i = 0; i < 68; i++) if (await compiled.test(execution(i).input)) expected++;
    const db = ctx.db as unknown as { $queryRawUnsafe: (...args: unknown[]) => Promise<unknown> };
    const raw = db.$queryRawUnsafe;
    let rawCalls = 0;
    // count prefilter queries that the database answered (a refused one falls back to the scan)
    db.$queryRawUnsafe = (...args: unknown[]) =>
      raw.apply(ctx.db, args).then((r) => {
        rawCalls++;
        return r;
      });
    try {
      const pages = await allPages(ctx, { limit: 50, inputCondition: compiled });
      expect(pages.flat().length).toBe(expected);
      expect(expected).toBeGreaterThan(10);
      expect(rawCalls).toBeGreaterThan(0);
    } finally {
      db.$queryRawUnsafe = raw;
    }
  });

  it("falls back to the scan when a stored input is not JSON (the database refuses to parse it)", async () => {
    const bad = execution(200);
    bad.input = "not json";
    await saveExecution(ctx.db, bad);
    for (const text of ["amount > 100", "order.total > 100 or flag = true"]) {
      const compiled = compileInputCondition(text);
      const pushed = await allPages(ctx, { limit: 5, inputCondition: compiled });
      const scanned = await allPages(ctx, { limit: 5, inputCondition: { test: compiled.test } });
      expect(pushed).toEqual(scanned);
      expect(pushed.flat().length).toBeGreaterThan(5);
    }
  });
});
