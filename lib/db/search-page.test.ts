import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IngestedExecution } from "../ingest/types";
import { pgSchemaOf } from "./client";
import { deleteExecutionsBefore } from "./delete-executions-before";
import { listExecutions } from "./list-executions";
import { saveExecution } from "./save-execution";
import { sqliteSearchIds } from "./search-page";
import { trigramPhrase } from "./search-term";
import { createTestDb } from "./test-db";

// Fragments payloads and terms are made of, so terms often hit: case pairs (ASCII and not, incl.
// letters whose Unicode folding differs from lower-casing), LIKE wildcards, FTS5 syntax, quotes.
const FRAGMENTS = [
  "a",
  "b",
  "ab",
  "AB",
  "aB",
  "%",
  "_",
  "\\",
  '"',
  "'",
  "*",
  " ",
  "AND",
  "or",
  "NEAR",
  "near(",
  "^",
  "-",
  ":",
  "()",
  "é",
  "É",
  "ß",
  "ẞ",
  "İ",
  "ı",
  "\u212a",
  "ſ",
  "😀",
  "\n",
  "{}",
  "sab",
  "ſab",
  "Éab",
  "éab",
  "iab",
  "İab",
  "ßab",
  "ẞab",
];

const ALL_OF_TIME = new Date(Date.UTC(2100, 0, 1));

function execution(i: number, payload: string, redriveCount = 0): IngestedExecution {
  const name = `x${i}`;
  return {
    executionArn: `arn:aws:states:us-east-1:111111111111:execution:M:${name}`,
    name,
    stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:M",
    stateMachineName: "M",
    type: "STANDARD",
    status: i % 3 === 0 ? "FAILED" : "SUCCEEDED",
    // pairs share a start date: the id tie-break decides their order
    startDate: new Date(Date.UTC(2026, 9, 1, 9, 0, Math.floor(i / 2))),
    stopDate: null,
    input: JSON.stringify({ v: payload }),
    output: null,
    error: null,
    cause: payload,
    redriveCount,
    source: "file",
    definition: null,
    events: [],
  };
}

/** SQLite's ASCII-only lower(): the folding LIKE applies. */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

describe.each([1, 2, 50])("payload search with %s-row pages: exactly the rows a plain scan finds", (limit) => {
  let ctx: Awaited<ReturnType<typeof createTestDb>>;
  let sqlite: boolean;
  beforeAll(async () => {
    ctx = await createTestDb();
    sqlite = ctx.target.kind === "sqlite";
  });
  afterAll(async () => {
    await ctx.close();
  });

  /** The reference: SQL that scans every row with a plain substring test, newest first. */
  async function scan(term: string): Promise<string[]> {
    const table = pgSchemaOf(ctx.db) ? `"${pgSchemaOf(ctx.db)}"."Execution"` : `"Execution"`;
    const sql = sqlite
      ? `SELECT "id" FROM ${table} WHERE instr(lower("searchText"), ?) > 0 ORDER BY "startDate" DESC, "id" DESC`
      : `SELECT "id" FROM ${table} WHERE strpos("searchText", $1) > 0 ORDER BY "startDate" DESC, "id" DESC`;
    return (await ctx.db.$queryRawUnsafe<{ id: string }[]>(sql, term)).map((r) => r.id);
  }

  async function listAll(q: string, status?: string[]): Promise<string[]> {
    const ids: string[] = [];
    let after: { startDate: Date; id: string } | undefined;
    for (;;) {
      const page = await listExecutions(ctx.db, { q, limit, after, status });
      ids.push(...page.rows.map((r) => r.id));
      if (!page.hasMore) return ids;
      const last = page.rows.at(-1)!;
      after = { startDate: last.startDate, id: last.id };
    }
  }

  it("over random payloads and terms, through saves, re-ingestion, raw updates and prune", async () => {
    const fragment = fc.constantFrom(...FRAGMENTS, ...(sqlite ? ["\u0000"] : [])); // PostgreSQL text cannot hold NUL
    const text = fc.array(fragment, { maxLength: 7 }).map((parts) => parts.join(""));
    const term = fc.oneof(
      text,
      fc.string({ unit: "grapheme", maxLength: 4 }),
      fc.constantFrom(
        "",
        "   ",
        "%",
        "_",
        "a%b",
        "a_b",
        '"',
        '""',
        "*",
        "and",
        "OR",
        "near",
        "NEAR(a b)",
        "a*",
        "^a",
        "-a",
        "sab",
        "ſab",
        "éab",
        "ßab",
        "iab",
        "i̇ab",
      ),
      { arbitrary: fc.record({ row: fc.nat(), from: fc.nat(), length: fc.integer({ min: 1, max: 6 }), upper: fc.boolean() }), weight: 4 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 1, maxLength: 8 }),
        fc.array(term, { minLength: 4, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.boolean(),
        async (payloads, terms, changed, raw) => {
          await deleteExecutionsBefore(ctx.db, ALL_OF_TIME);
          for (const [i, p] of payloads.entries()) await saveExecution(ctx.db, execution(i, p));
          // re-ingestion replaces a row's payload (update trigger); a raw writer may store capitals
          for (const c of changed)
            await saveExecution(ctx.db, execution(c % payloads.length, payloads[(c + 1) % payloads.length] + "ab", 1));
          if (raw) {
            // another writer's rows: the payload as is, capitals included (update trigger)
            const table = pgSchemaOf(ctx.db) ? `"${pgSchemaOf(ctx.db)}"."Execution"` : `"Execution"`;
            await ctx.db.$executeRawUnsafe(`UPDATE ${table} SET "searchText" = 'X' || "cause" WHERE "name" <> 'x1'`);
          }
          const stored = await ctx.db.execution.findMany({
            select: { id: true, searchText: true, startDate: true },
            orderBy: [{ startDate: "desc" }, { id: "desc" }],
          });
          for (const t of terms) {
            const q =
              typeof t === "string"
                ? t
                : (() => {
                    const source = stored[t.row % stored.length].searchText; // a piece of what is stored, in any case
                    const piece = Array.from(source)
                      .slice(t.from % Math.max(1, source.length), (t.from % Math.max(1, source.length)) + t.length)
                      .join("");
                    return t.upper ? piece.toUpperCase() : piece;
                  })();
            const wanted = q.trim().toLowerCase();
            const oracle = stored
              .filter((r) => wanted === "" || (sqlite ? asciiLower(r.searchText) : r.searchText).includes(wanted))
              .map((r) => r.id);
            const found = await listAll(q);
            expect(found, `q=${JSON.stringify(q)}`).toEqual(oracle);
            // every row is FAILED or SUCCEEDED: both statuses (one search per status, merged) list the same
            expect(await listAll(q, ["SUCCEEDED", "FAILED"]), `q=${JSON.stringify(q)} with both statuses`).toEqual(oracle);
            if (wanted === "") continue;
            expect(await scan(wanted)).toEqual(oracle);
            if (!sqlite) continue;
            // every way sqliteSearchIds can answer: short scan windows send it on to the next window and to the index
            for (const windows of [[1], [1, 3], [2, 200]])
              expect(await sqliteSearchIds(ctx.db, { q }, limit, windows)).toEqual(oracle.slice(0, limit));
            // and the index itself holds exactly the rows that contain the term, none left over
            const phrase = trigramPhrase(wanted);
            if (phrase) {
              const rowids = await ctx.db.$queryRawUnsafe<{ id: string }[]>(
                `SELECT e."id" FROM "ExecutionSearch" s LEFT JOIN "Execution" e ON e.rowid = s.rowid WHERE "ExecutionSearch" MATCH ?`,
                phrase,
              );
              expect(rowids.map((r) => r.id).sort()).toEqual([...oracle].sort());
            }
          }
        },
      ),
      { numRuns: limit === 50 ? 40 : 15, seed: 15 },
    );
  }, 600_000);
});
