import { describe, expect, it } from "vitest";
import { StatesError } from "../errors";
import { evaluatePath, lookupPath } from "./evaluate-path";
import { MISSING } from "./definite-path";
import { PathNotFoundError } from "./path-not-found-error";

const data = {
  a: { b: { c: 1 }, list: [10, 20, 30] },
  items: [
    { item_key: 0, v: "x" },
    { item_key: 1, v: "y" },
  ],
  "odd key": true,
  nothing: null,
};

function causeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    return (error as StatesError).cause;
  }
  throw new Error("expected a failure");
}

describe("evaluatePath (definite paths)", () => {
  it.each([
    ["$", data],
    ["$.a.b.c", 1],
    ["$.a.list[1]", 20],
    ["$.a.list[-1]", 30],
    ["$['odd key']", true],
    ["$[\"a\"]['b']", { c: 1 }],
    ["$.nothing", null],
    ["$.items[1].v", "y"],
  ])("%s", (path, expected) => {
    expect(evaluatePath(path, data)).toEqual(expected);
  });

  it("selects several properties with a multi-property leaf, as Jayway does", () => {
    expect(evaluatePath("$.a['b','list']", data)).toEqual({ b: { c: 1 }, list: [10, 20, 30] });
  });

  it("fails with AWS's InputPath wording when the leaf is missing", () => {
    expect(causeOf(() => evaluatePath("$.NoSuchInputPath", { "int-literal": 0 }))).toBe(
      "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']",
    );
  });

  it("reports a missing intermediate property like Jayway", () => {
    expect(causeOf(() => evaluatePath("$.x.y", data))).toBe("Invalid path '$.x.y' : Missing property in path $['x']");
  });

  it("reports stepping into a non-object like Jayway", () => {
    expect(causeOf(() => evaluatePath("$.items[0].v.w", data))).toContain(
      "Expected to find an object with property ['w'] in path $['items'][0]['v'] but found 'java.lang.String'",
    );
  });

  it("throws a PathNotFoundError carrying the path for callers that reword it", () => {
    try {
      evaluatePath("$.a.list[7]", data);
      throw new Error("unreachable");
    } catch (error) {
      expect(error).toBeInstanceOf(PathNotFoundError);
      expect((error as PathNotFoundError).path).toBe("$.a.list[7]");
      expect((error as PathNotFoundError).error).toBe("States.Runtime");
      expect((error as PathNotFoundError).detail).toBe("No results for path: $['a']['list'][7]");
    }
  });

  it("keeps backslashes inside bracket names (the recorded escape-sequence case)", () => {
    const key = 'Test\\""Name"';
    expect(evaluatePath(`$['${key}']`, { [key]: "Value" })).toBe("Value");
  });

  it("lookupPath returns MISSING instead of throwing", () => {
    expect(lookupPath("$.a.zzz", data)).toBe(MISSING);
    expect(lookupPath("$.nothing", data)).toBeNull();
  });
});

describe("evaluatePath (indefinite paths via jsonpath-plus)", () => {
  it("returns lists for wildcards, slices, filters and deep scans", () => {
    expect(evaluatePath("$.items[*].v", data)).toEqual(["x", "y"]);
    expect(evaluatePath("$.a.list[1:]", data)).toEqual([20, 30]);
    expect(evaluatePath("$.items[?(@.item_key == 1)].v", data)).toEqual(["y"]);
    expect(evaluatePath("$..c", data)).toEqual([1]);
  });

  it("returns an empty list instead of failing when nothing matches (recorded AWS behaviour)", () => {
    expect(evaluatePath("$[*]", {})).toEqual([]);
    expect(evaluatePath("$.item.items[1:5].itemValue", {})).toEqual([]);
    expect(evaluatePath("$.items[*].itemValue", "scalar")).toEqual([]);
  });

  it("rejects paths that do not start with $", () => {
    expect(causeOf(() => evaluatePath("a.b", data))).toContain("Invalid path 'a.b'");
  });
});
