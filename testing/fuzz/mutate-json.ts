import fc from "fast-check";

/**
 * fast-check arbitraries that break JSON documents the way real files break: fields deleted,
 * values swapped for hostile ones (wrong types, out-of-range numbers, NUL bytes, lone surrogates,
 * broken JSONPath/JSONata/intrinsics, impossible dates), array items duplicated, keys renamed.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const HOSTILE_VALUES: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.5,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e308,
  -1e308,
  1e-320,
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "\u202e",
  "<script>alert(1)</script>",
  '\'; DROP TABLE "Execution"; --',
  "$",
  "$.",
  "$..[",
  "$[?(@.a",
  "$$.Execution.Id",
  "{% %}",
  "{% $x( %}",
  "{% $states.input %}",
  "States.Format(",
  "States.Array(1,",
  "States.JsonMerge($.a, $.b, true)",
  "${x}",
  "arn:aws:states:::lambda:invoke",
  "arn:aws:states:::states:startExecution.sync:2",
  "2026-13-45T99:99:99Z",
  "+275760-09-13T00:00:00.001Z",
  "-271821-04-20T00:00:00Z",
  "0",
  "1e400",
  "NaN",
  "Infinity",
  [],
  {},
  [null],
  { "": null },
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];

export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
);

export type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "replace"; at: number; value: Json }
  | { kind: "duplicate"; at: number }
  | { kind: "rename"; at: number; name: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("rename" as const),
    at: fc.nat(),
    name: fc.oneof(fc.constantFrom("", "Next", "End", "Type", "__proto__", "States", "id"), fc.string({ maxLength: 12 })),
  }),
);

type Slot = { parent: Json[] | { [key: string]: Json }; key: string | number };

/** Every place a value sits in `doc` (depth first, at most `limit`). */
function slots(doc: Json, limit = 5000): Slot[] {
  const out: Slot[] = [];
  const walk = (node: Json) => {
    if (out.length >= limit || node === null || typeof node !== "object") return;
    if (Array.isArray(node))
      node.forEach((v, i) => {
        out.push({ parent: node, key: i });
        walk(v);
      });
    else
      for (const [k, v] of Object.entries(node)) {
        out.push({ parent: node, key: k });
        walk(v);
      }
  };
  walk(doc);
  return out;
}

/** Applies mutations to a deep copy of `doc` (each `at` is taken modulo the places that exist then). */
export function applyMutations(doc: Json, mutations: readonly Mutation[]): Json {
  let root: Json = structuredClone(doc);
  for (const m of mutations) {
    const all = slots(root);
    if (all.length === 0) {
      if (m.kind === "replace") root = m.value;
      continue;
    }
    const { parent, key } = all[m.at % all.length];
    if (Array.isArray(parent)) {
      const i = key as number;
      if (m.kind === "delete") parent.splice(i, 1);
      else if (m.kind === "replace") parent[i] = structuredClone(m.value);
      else if (m.kind === "duplicate") parent.splice(i, 0, structuredClone(parent[i]));
      else parent[i] = { [m.name]: parent[i] };
    } else {
      const k = key as string;
      const value = parent[k];
      if (m.kind === "delete") delete parent[k];
      else if (m.kind === "replace") parent[k] = structuredClone(m.value);
      else if (m.kind === "duplicate") parent[`${k}_copy`] = structuredClone(value);
      else {
        delete parent[k];
        Object.defineProperty(parent, m.name, { value, enumerable: true, writable: true, configurable: true });
      }
    }
  }
  return root;
}

/** Text-level damage: truncation, a character inserted, deleted or replaced. */
export type TextDamage = { kind: "truncate" | "insert" | "remove"; at: number; char: string };

export const textDamage: fc.Arbitrary<TextDamage> = fc.record({
  kind: fc.constantFrom("truncate" as const, "insert" as const, "remove" as const),
  at: fc.nat(),
  char: fc.constantFrom("{", "}", "[", "]", '"', ",", ":", "\\", "\u0000", "\n", "x", "0", "\ud800"),
});

export function damageText(text: string, damage: TextDamage): string {
  const at = text.length === 0 ? 0 : damage.at % text.length;
  if (damage.kind === "truncate") return text.slice(0, at);
  if (damage.kind === "insert") return text.slice(0, at) + damage.char + text.slice(at);
  return text.slice(0, at) + text.slice(at + 1);
}
