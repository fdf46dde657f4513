import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonMemo } from "./json-memo";

const json = (value: unknown) => JSON.stringify(value) ?? "null";

describe("JsonMemo", () => {
  it("reuses the last text and composes objects from their members' texts", () => {
    const memo = new JsonMemo();
    const words = ["a", "b", "x".repeat(500)];
    const first = { words, n: 1, skip: undefined, nested: { x: [1, 2] } };
    expect(memo.serialize(first)).toBe(json(first));
    expect(memo.serialize(first)).toBe(json(first));
    const second = { ...first, n: 2, extra: 'q"uote' };
    expect(memo.serialize(second)).toBe(json(second));
    const reordered = { n: 2, words, nested: first.nested };
    expect(memo.serialize(reordered)).toBe(json(reordered));
    expect(memo.serialize([1, 2])).toBe("[1,2]");
    expect(memo.serialize({ d: new Date(0), s: "x" })).toBe(json({ d: new Date(0), s: "x" }));
    expect(memo.serialize(undefined)).toBe("null");
  });

  it("starts from a remembered or inherited text", () => {
    const parent = new JsonMemo();
    const input = { a: 1, b: [2] };
    parent.remember(input, '{"a": 1, "b": [2]}');
    const child = new JsonMemo();
    child.inherit(parent);
    expect(child.known(input)).toBe('{"a": 1, "b": [2]}');
    expect(child.serialize({ ...input, c: 3 })).toBe('{"a":1,"b":[2],"c":3}');
  });

  it("always agrees with JSON.stringify along chains of derived payloads", () => {
    const member = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.constant(-0));
    const step = fc.record({
      key: fc.constantFrom("a", "b", "c", "d", "__proto__x", 'é"', "1"),
      value: member,
      drop: fc.boolean(),
      same: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("a", "b", "c", "d"), member), fc.array(step, { maxLength: 12 }), (start, steps) => {
        const memo = new JsonMemo();
        let current: Record<string, unknown> = { ...start, big: "y".repeat(500) };
        expect(memo.serialize(current)).toBe(json(current));
        for (const s of steps) {
          const next = { ...current };
          if (s.drop) delete next[s.key];
          else if (!s.same) next[s.key] = s.value;
          current = next;
          expect(memo.serialize(current)).toBe(json(current));
        }
      }),
      { numRuns: 500 },
    );
  });
});
