import Database from "better-sqlite3";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileInputCondition } from "../server/input-condition";
import { parsePrefilter, prefilterSql, type PrefilterNode } from "./jsonata-prefilter";

const sqlite = new Database(":memory:");
const pgUrl =
  process.env.STATELENS_TEST_DATABASE && /^postgres/.test(process.env.STATELENS_TEST_DATABASE) ? process.env.STATELENS_TEST_DATABASE : null;
let pgClient: pg.Client | null = null;

beforeAll(async () => {
  if (!pgUrl) return;
  pgClient = new pg.Client({ connectionString: pgUrl });
  await pgClient.connect();
});
afterAll(async () => {
  await pgClient?.end();
});

/** Whether the prefilter lets an input through on SQLite: 1 pass, 0 reject, "error" the query failed. */
function sqliteVerdict(node: PrefilterNode, input: string | null): 0 | 1 | "error" {
  const { sql, params } = prefilterSql(node, "sqlite");
  try {
    const row = sqlite.prepare(`SELECT CASE WHEN ${sql} THEN 1 ELSE 0 END AS ok FROM (SELECT ? AS "input")`).get(...params, input) as {
      ok: number;
    };
    return row.ok === 1 ? 1 : 0;
  } catch {
    return "error";
  }
}

async function pgVerdict(node: PrefilterNode, input: string | null): Promise<0 | 1 | "error"> {
  const { sql, params, join } = prefilterSql(node, "postgresql");
  let n = 0;
  const text = `SELECT CASE WHEN ${sql.replace(/\?/g, () => `$${++n}`)} THEN 1 ELSE 0 END AS ok FROM (SELECT CAST($${++n} AS text) AS "input") s${join}`;
  try {
    const res = await pgClient!.query(text, [...params.map((p) => (typeof p === "number" ? String(p) : p)), input]);
    return res.rows[0].ok === 1 ? 1 : 0;
  } catch {
    return "error";
  }
}

function node(condition: string): PrefilterNode {
  const parsed = parsePrefilter(condition);
  if (!parsed) throw new Error(`no prefilter for ${condition}`);
  return parsed;
}

describe("parsePrefilter", () => {
  it("recognises comparisons of plain paths with literals, and and/or of them", () => {
    expect(parsePrefilter("$.order.total > 100")).toEqual({ kind: "compare", path: ["order", "total"], op: ">", value: 100 });
    expect(parsePrefilter("amount <= 5")).toEqual({ kind: "compare", path: ["amount"], op: "<=", value: 5 });
    expect(parsePrefilter("100 < $.a")).toEqual({ kind: "compare", path: ["a"], op: ">", value: 100 });
    expect(parsePrefilter('a = "x" or b != true')).toEqual({
      kind: "or",
      parts: [
        { kind: "compare", path: ["a"], op: "=", value: "x" },
        { kind: "compare", path: ["b"], op: "!=", value: true },
      ],
    });
  });

  it("keeps the recognised side of an and, gives up on an or with an unrecognised side", () => {
    expect(parsePrefilter("a > 1 and $count(items) > 2")).toEqual({ kind: "compare", path: ["a"], op: ">", value: 1 });
    expect(parsePrefilter("a > 1 or $count(items) > 2")).toBeNull();
  });

  it("does not push down predicates, functions, array steps, variables or odd names", () => {
    for (const c of [
      'items[sku = "SKU-CAP"]',
      "$count(items) > 2",
      "items[0].qty > 1",
      "a.b[] = 1",
      "$x.a = 1",
      "`a b` = 1",
      "a = b",
      "a in [1, 2]",
      "a",
      "a > 1 +",
      "$$.a = 1",
      "a.*.b = 1",
    ]) {
      expect(parsePrefilter(c), c).toBeNull();
    }
  });
});

describe("prefilter SQL (SQLite)", () => {
  const cases: [string, string | null, 0 | 1][] = [
    ["a > 5", '{"a":1}', 0],
    ["a > 5", '{"a":6}', 1],
    ["a > 5", '{"a":"6"}', 0], // jsonata: different types -> error -> rejected
    ["a > 5", "{}", 0],
    ["a > 5", null, 0],
    ["a > 5", '[{"a":6}]', 1], // root array maps
    ["a.b = 2", '{"a":[{"b":2}]}', 1], // array along the path
    ["a = 2", '{"a":1,"a":2}', 1], // duplicate keys: JSON.parse keeps the last
    ['a = "x"', '{"a":"x"}', 1],
    ['a = "x"', '{"a":"y"}', 0],
    ["a = true", '{"a":false}', 0],
    ["a != 1", "{}", 0],
    ["a != 1", '{"a":null}', 1],
    ["a = 0.3", '{"a":0.30000000000000004}', 1], // within the slack: JS decides
  ];
  for (const [condition, input, expected] of cases) {
    it(`${condition} on ${input}: ${expected ? "passes" : "rejected"}`, () => {
      expect(sqliteVerdict(node(condition), input)).toBe(expected);
    });
  }

  it("fails (and the list then scans) on an input that is not JSON", () => {
    expect(sqliteVerdict(node("a > 5"), "not json")).toBe("error");
  });
});

// Random inputs (objects with repeated keys, escaped keys, arrays, every JSON type) and random
// conditions: the prefilter must let through every input the JSONata condition accepts.
const KEYS = ["a", "b", "c"];
type Json = null | boolean | number | string | Json[] | { entries: [string, Json][] };
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(0, 1, -1, 1.5, 2, 100, 0.1 + 0.2, 1e-320, 9007199254740993),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom("", "x", "y", "1", "a\u0000", "é", "\ud83d\ude00"),
);
const json: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("v"), { maxLength: 3 }),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie("v")), { maxLength: 4 }).map((entries) => ({ entries })),
  ),
})).v;

function text(value: Json, escapeKeys: boolean): string {
  if (Array.isArray(value)) return `[${value.map((v) => text(v, escapeKeys)).join(",")}]`;
  if (value && typeof value === "object") {
    const key = (k: string) => (escapeKeys ? `"\\u00${k.charCodeAt(0).toString(16)}"` : JSON.stringify(k));
    return `{${value.entries.map(([k, v]) => `${key(k)}:${text(v, escapeKeys)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const path = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 }))
  .map(([dollar, keys]) => (dollar ? "$." : "") + keys.join("."));
const literal = fc.oneof(
  fc.constantFrom(0, 1, -1, 1.5, 2, 100, 0.3, 9007199254740992).map(String),
  fc.integer({ min: -3, max: 3 }).map(String),
  fc.constantFrom("", "x", "1", "a\u0000", "é").map((s) => JSON.stringify(s)),
  fc.constantFrom("true", "false"),
);
const compare = fc
  .tuple(path, fc.constantFrom("=", "!=", "<", "<=", ">", ">="), literal, fc.boolean())
  .map(([p, op, lit, flip]) => (flip ? `${lit} ${op} ${p}` : `${p} ${op} ${lit}`));
const condition: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    compare,
    fc.tuple(tie("c"), fc.constantFrom("and", "or"), tie("c")).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc.tuple(compare, tie("c")).map(([l, r]) => `${l} and $count(${r.split(" ")[0]}) > 0`),
  ),
})).c;

describe("prefilter property: never rejects an input the condition accepts", () => {
  it("on SQLite and (with STATELENS_TEST_DATABASE) PostgreSQL", async () => {
    const rejected = { sqlite: 0, postgresql: 0 };
    await fc.assert(
      fc.asyncProperty(condition, fc.array(fc.tuple(json, fc.boolean()), { minLength: 1, maxLength: 6 }), async (c, values) => {
        const pre = parsePrefilter(c);
        if (!pre) return;
        const compiled = compileInputCondition(c);
        for (const [value, escapeKeys] of values) {
          const input = text(value, escapeKeys);
          const accepted = await compiled.test(input);
          const verdicts = [
            ["sqlite", sqliteVerdict(pre, input)],
            ...(pgClient ? [["postgresql", await pgVerdict(pre, input)] as const] : []),
          ] as const;
          for (const [store, v] of verdicts) {
            if (accepted) expect(v, `${store}: ${c} on ${input}`).not.toBe(0);
            if (v === 0) rejected[store]++;
          }
        }
      }),
      { numRuns: 400 },
    );
    // the prefilter does reject rows, or the property above would hold trivially
    expect(rejected.sqlite).toBeGreaterThan(100);
    if (pgClient) expect(rejected.postgresql).toBeGreaterThan(100);
  }, 60_000);
});
