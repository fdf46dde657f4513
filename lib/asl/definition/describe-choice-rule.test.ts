import { describe, expect, it } from "vitest";
import { describeChoiceRule } from "./describe-choice-rule";

describe("describeChoiceRule", () => {
  it("writes JSONPath comparisons, tests, And/Or/Not and JSONata conditions as conditions", () => {
    expect(describeChoiceRule({ Variable: "$.total", NumericGreaterThan: 100, Next: "Big" }, 0)).toBe("$.total > 100");
    expect(describeChoiceRule({ Variable: "$.tier", StringEquals: "gold", Next: "G" }, 0)).toBe('$.tier == "gold"');
    expect(describeChoiceRule({ Variable: "$.a", NumericLessThanEqualsPath: "$.b", Next: "X" }, 0)).toBe("$.a <= $.b");
    expect(describeChoiceRule({ Variable: "$.x", IsPresent: false, Next: "X" }, 0)).toBe("$.x not present");
    expect(
      describeChoiceRule(
        { And: [{ Variable: "$.a", BooleanEquals: true }, { Not: { Variable: "$.b", StringMatches: "x*" } }], Next: "X" },
        0,
      ),
    ).toBe('$.a == true and not($.b matches "x*")');
    expect(describeChoiceRule({ Condition: "{% $states.input.n > 3 %}", Next: "X" }, 0)).toBe("$states.input.n > 3");
  });

  it("falls back to the rule's number for what it cannot read, and cuts long conditions", () => {
    expect(describeChoiceRule({ Next: "X" }, 2)).toBe("rule 3");
    expect(describeChoiceRule(null, 0)).toBe("rule 1");
    const long = describeChoiceRule({ Condition: `{% ${"$states.input.value > 1 and ".repeat(5)}true %}`, Next: "X" }, 0);
    expect(long).toHaveLength(60);
    expect(long.endsWith("…")).toBe(true);
  });
});
