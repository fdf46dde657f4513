import { describe, expect, it } from "vitest";
import { cloneJson } from "./clone-json";
import { jsonDepth } from "./json-depth";
import { stringifyJson } from "../asl/evaluate/stringify-json";
import { deepArray, deepObject, deepObjectText } from "../../testing/json/deep-documents";

const SAMPLES: unknown[] = [
  null,
  0,
  -0,
  1.5,
  1e21,
  -2e-7,
  NaN,
  Infinity,
  "",
  'a"\\\n\u0000\u2028😀',
  true,
  false,
  [],
  {},
  [[]],
  { a: {} },
  [1, "x", null, { b: [true, {}] }],
  { a: undefined, b: () => 1, c: Symbol("s"), d: 1 },
  [undefined, () => 1, Symbol("s")],
  { "odd key": { "": [0] }, "<b>": "</script>" },
  { date: new Date(Date.UTC(2024, 5, 10)) },
  { nested: { toJSON: () => ({ replaced: true }) } },
];

describe("stringifyJson", () => {
  it("writes exactly what JSON.stringify writes, compact and indented", () => {
    for (const sample of SAMPLES) {
      expect(stringifyJson(sample)).toBe(JSON.stringify(sample));
      expect(stringifyJson(sample, 2)).toBe(JSON.stringify(sample, null, 2));
      expect(stringifyJson(sample, 4)).toBe(JSON.stringify(sample, null, 4));
    }
    expect(stringifyJson(undefined)).toBeUndefined();
    expect(() => stringifyJson({ n: BigInt(1) })).toThrow(TypeError);
  });

  it("writes documents nested 10,000 levels deep, where JSON.stringify overflows the stack", () => {
    expect(() => JSON.stringify(deepObject(10_000))).toThrow(RangeError);
    expect(stringifyJson(deepObject(10_000))).toBe(deepObjectText(10_000));
    expect(stringifyJson(deepArray(10_000))).toBe("[".repeat(10_000) + "1" + "]".repeat(10_000));
    expect(stringifyJson(deepObject(3), 1)).toBe(JSON.stringify(deepObject(3), null, 1));
  });
});

describe("cloneJson", () => {
  it("copies deeply: the copy equals the original and shares no container with it", () => {
    const doc = { a: [1, { b: "x" }], c: null, d: new Date(0) };
    const copy = cloneJson(doc);
    expect(copy).toEqual(doc);
    expect(copy.a).not.toBe(doc.a);
    expect(copy.a[1]).not.toBe(doc.a[1]);
    expect(copy.d).not.toBe(doc.d);
  });

  it("copies documents nested 10,000 levels deep, where structuredClone overflows", () => {
    const doc = deepObject(10_000, "leaf");
    expect(() => structuredClone(doc)).toThrow(RangeError);
    const copy = cloneJson(doc);
    expect(stringifyJson(copy)).toBe(deepObjectText(10_000, '"leaf"'));
    expect(jsonDepth(copy)).toBe(10_000);
  });
});

describe("jsonDepth", () => {
  it("counts nesting, and stops early when asked", () => {
    expect([jsonDepth(1), jsonDepth({}), jsonDepth([1, [2]]), jsonDepth({ a: { b: [] } })]).toEqual([0, 1, 2, 3]);
    expect(jsonDepth(deepArray(10_000))).toBe(10_000);
    expect(jsonDepth(deepArray(10_000), 50)).toBe(50);
  });
});
