import { describe, expect, it } from "vitest";
import { jsonErrorPosition, parseJsonText } from "./parse-json-text";

describe("parseJsonText", () => {
  it("accepts a UTF-8 byte order mark before the JSON", () => {
    expect(parseJsonText('\uFEFF{"a":[1]}')).toEqual({ a: [1] });
  });

  it("points at the first wrong character", () => {
    const cases: [string, number | null][] = [
      ['{"a":[1,2]}', null],
      ["[1,]", 3],
      ['{"a":1,}', 7],
      ["[,1]", 1],
      ['{"a" 1}', 5],
      ["[1 2]", 3],
      ["{}x", 2],
      ["[[1]", 4],
      ['"abc', 4],
    ];
    for (const [text, position] of cases) expect(jsonErrorPosition(text), text).toBe(position);
  });

  it("names the position in text nested 10,000 levels deep", () => {
    const depth = 10_000;
    expect(jsonErrorPosition("[".repeat(depth) + "]".repeat(depth))).toBeNull();
    expect(jsonErrorPosition("[".repeat(depth) + "x" + "]".repeat(depth))).toBe(depth);
    expect(() => parseJsonText('{"a":'.repeat(depth) + "1" + "}".repeat(depth - 1))).toThrow(
      /^truncated JSON: the text ends at position 60000 /,
    );
  });
});
