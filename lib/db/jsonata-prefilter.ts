import jsonata from "jsonata";

/**
 * A SQL prefilter for a JSONata input condition: a NECESSARY condition on the stored input text,
 * so the database can skip rows the condition cannot accept. The full condition is still
 * evaluated in JavaScript on every row the SQL returns; the prefilter only has to never reject a
 * row JSONata accepts. Recognised: a path of plain field names (from `$` or bare) compared with
 * =, !=, <, <=, >, >= to a number, string or boolean literal, and `and`/`or` of those. Anything
 * else inside an `and` is dropped (weaker), anything else elsewhere means no prefilter (null).
 *
 * Semantics mirrored (jsonata 2): a missing field makes every comparison false; <, <=, >, >=
 * between different types is an error (the condition then rejects the row); any array along the
 * path (root included) maps the comparison over items, so such rows always pass. Numbers are
 * compared with a tiny slack, since the database and JSON.parse may round differently.
 */
export type PrefilterProvider = "sqlite" | "postgresql";

type Op = "=" | "!=" | "<" | "<=" | ">" | ">=";
export type PrefilterNode =
  { kind: "compare"; path: string[]; op: Op; value: number | string | boolean } | { kind: "and" | "or"; parts: PrefilterNode[] };

const OPS = new Set<string>(["=", "!=", "<", "<=", ">", ">="]);
const FLIP: Record<Op, Op> = { "=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface AstNode {
  type: string;
  value?: unknown;
  lhs?: AstNode;
  rhs?: AstNode;
  steps?: AstNode[];
  [key: string]: unknown;
}

/** The recognised part of a condition, or null when nothing can be pushed down. */
export function parsePrefilter(condition: string): PrefilterNode | null {
  let ast: AstNode;
  try {
    ast = jsonata(condition).ast() as AstNode;
  } catch {
    return null;
  }
  return fromAst(ast);
}

function fromAst(node: AstNode): PrefilterNode | null {
  if (!onlyKeys(node, ["type", "value", "position", "lhs", "rhs", "steps"])) return null;
  if (node.type !== "binary" || !node.lhs || !node.rhs) return null;
  if (node.value === "and") {
    // a part that is not recognised is simply not required (weaker, still necessary)
    const parts = [fromAst(node.lhs), fromAst(node.rhs)].filter((p): p is PrefilterNode => p !== null);
    return parts.length === 0 ? null : parts.length === 1 ? parts[0] : { kind: "and", parts };
  }
  if (node.value === "or") {
    const l = fromAst(node.lhs);
    const r = fromAst(node.rhs);
    return l && r ? { kind: "or", parts: [l, r] } : null;
  }
  if (typeof node.value !== "string" || !OPS.has(node.value)) return null;
  const op = node.value as Op;
  const lPath = plainPath(node.lhs);
  const rPath = plainPath(node.rhs);
  const lLit = literal(node.lhs);
  const rLit = literal(node.rhs);
  if (lPath && rLit !== undefined) return { kind: "compare", path: lPath, op, value: rLit };
  if (rPath && lLit !== undefined) return { kind: "compare", path: rPath, op: FLIP[op], value: lLit };
  return null;
}

function onlyKeys(node: AstNode, allowed: string[]): boolean {
  return Object.keys(node).every((k) => allowed.includes(k));
}

function plainPath(node: AstNode): string[] | null {
  if (node.type !== "path" || !Array.isArray(node.steps) || !onlyKeys(node, ["type", "steps", "position"])) return null;
  const steps = node.steps;
  const names: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (!onlyKeys(step, ["type", "value", "position"])) return null;
    if (i === 0 && step.type === "variable" && step.value === "") continue; // `$`: the input itself
    if (step.type !== "name" || typeof step.value !== "string" || !PLAIN_KEY.test(step.value)) return null;
    names.push(step.value);
  }
  return names.length ? names : null;
}

function literal(node: AstNode): number | string | boolean | undefined {
  if (!onlyKeys(node, ["type", "value", "position"])) return undefined;
  if (node.type === "number" && typeof node.value === "number" && Number.isFinite(node.value)) return node.value;
  if (node.type === "string" && typeof node.value === "string") return node.value;
  if (node.type === "value" && typeof node.value === "boolean") return node.value;
  return undefined;
}

/**
 * The prefilter as a boolean SQL expression on the column `"input"`, with `?` placeholders; `join`
 * goes right after the table in FROM (PostgreSQL: the input parsed once per row as jsonb, which
 * keeps the last of duplicate keys as JSON.parse does; an input jsonb refuses fails the query).
 */
export function prefilterSql(node: PrefilterNode, provider: PrefilterProvider): { sql: string; params: unknown[]; join: string } {
  const params: unknown[] = [];
  const sql = toSql(node, provider, params);
  return {
    sql,
    params,
    join: provider === "postgresql" ? ` CROSS JOIN LATERAL (SELECT "input"::jsonb AS "j" OFFSET 0) AS "prefilter_input"` : "",
  };
}

function toSql(node: PrefilterNode, provider: PrefilterProvider, params: unknown[]): string {
  if (node.kind !== "compare") return `(${node.parts.map((p) => toSql(p, provider, params)).join(node.kind === "and" ? " AND " : " OR ")})`;
  return provider === "sqlite" ? sqliteCompare(node, params) : pgCompare(node, params);
}

/** Slack around a number literal: wider than any rounding difference between parsers. */
function bounds(value: number): [number, number] {
  const slack = Math.abs(value) * 1e-9 + 1e-300;
  return [value - slack, value + slack];
}

type Compare = Extract<PrefilterNode, { kind: "compare" }>;

/** The value test, given SQL for the JSON type name and the extracted value; null = no test. */
function valueTest(
  c: Compare,
  type: string,
  value: string,
  kinds: { num: string; str: string; t: string; f: string },
  params: unknown[],
  castNum: (v: string) => string,
  num: string,
): string | null {
  if (c.op === "!=") return `${type} IS NOT NULL`; // any present value may differ
  if (typeof c.value === "boolean") return c.op === "=" ? `${type} = '${c.value ? kinds.t : kinds.f}'` : null;
  if (typeof c.value === "string") {
    if (c.op !== "=") return `${type} = ${kinds.str}`; // string order differs between JS and SQL collations
    params.push(c.value);
    return `CASE WHEN ${type} = ${kinds.str} THEN ${value} = ? ELSE 0 = 1 END`;
  }
  const [lo, hi] = bounds(c.value);
  const cond =
    c.op === "="
      ? (params.push(lo, hi), `${castNum(value)} BETWEEN ${num} AND ${num}`)
      : c.op === "<" || c.op === "<="
        ? (params.push(hi), `${castNum(value)} <= ${num}`)
        : (params.push(lo), `${castNum(value)} >= ${num}`);
  return `CASE WHEN ${type} IN (${kinds.num}) THEN ${cond} ELSE 0 = 1 END`;
}

function sqliteCompare(c: Compare, params: unknown[]): string {
  const guards: string[] = [];
  // any array along the path (root included) maps the comparison: pass
  for (let i = 0; i <= c.path.length; i++) guards.push(`json_type("input", '${["$", ...c.path.slice(0, i)].join(".")}') = 'array'`);
  // json_extract takes the first of duplicate keys, JSON.parse the last; escapes could hide a duplicate
  guards.push(`instr("input", '\\') > 0`);
  for (const key of new Set(c.path)) guards.push(`instr(substr("input", instr("input", '"${key}"') + 1), '"${key}"') > 0`);
  const path = `'${["$", ...c.path].join(".")}'`;
  const test = valueTest(
    c,
    `json_type("input", ${path})`,
    `json_extract("input", ${path})`,
    { num: "'integer', 'real'", str: "'text'", t: "true", f: "false" },
    params,
    (v) => v,
    "?",
  );
  return test === null ? "1 = 1" : `(${[...guards, test].join(" OR ")})`;
}

function pgCompare(c: Compare, params: unknown[]): string {
  const j = `"prefilter_input"."j"`;
  const at = (keys: string[]) => `'{${keys.join(",")}}'`;
  const guards: string[] = [];
  for (let i = 0; i <= c.path.length; i++) guards.push(`jsonb_typeof(${j} #> ${at(c.path.slice(0, i))}) = 'array'`);
  const test = valueTest(
    c,
    `jsonb_typeof(${j} #> ${at(c.path)})`,
    `(${j} #>> ${at(c.path)})`,
    { num: "'number'", str: "'string'", t: "boolean", f: "boolean" },
    params,
    (v) => `CAST(${v} AS numeric)`,
    "CAST(? AS numeric)",
  );
  if (test === null) return "1 = 1";
  return `(${[...guards, test].join(" OR ")})`;
}
