const OPERATORS: [RegExp, string][] = [
  [/^(String|Numeric|Timestamp|Boolean)Equals(Path)?$/, "=="],
  [/^(String|Numeric|Timestamp)LessThan(Path)?$/, "<"],
  [/^(String|Numeric|Timestamp)GreaterThan(Path)?$/, ">"],
  [/^(String|Numeric|Timestamp)LessThanEquals(Path)?$/, "<="],
  [/^(String|Numeric|Timestamp)GreaterThanEquals(Path)?$/, ">="],
  [/^StringMatches$/, "matches"],
];
const TESTS: Record<string, string> = {
  IsNull: "is null",
  IsPresent: "is present",
  IsNumeric: "is numeric",
  IsString: "is string",
  IsBoolean: "is boolean",
  IsTimestamp: "is timestamp",
};
const MAX = 60;

/**
 * A Choice rule as the condition a reader expects on its edge: `$.total > 100`,
 * `$.tier == "gold" and not($.blocked == true)`, or a JSONata `Condition` as written. Long
 * conditions are cut to 60 characters with an ellipsis.
 */
export function describeChoiceRule(rule: unknown, index: number): string {
  const text = describe(rule, 0) ?? `rule ${index + 1}`;
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

function describe(rule: unknown, depth: number): string | null {
  if (!isObject(rule) || depth > 8) return null;
  if (typeof rule.Condition === "string") return rule.Condition.replace(/^\{%\s*/, "").replace(/\s*%\}$/, "");
  if (typeof rule.Condition === "boolean") return String(rule.Condition);
  const group = (key: "And" | "Or") => {
    const parts = Array.isArray(rule[key]) ? (rule[key] as unknown[]).map((r) => describe(r, depth + 1)) : [];
    if (parts.length === 0 || parts.some((p) => p === null)) return null;
    const joined = parts.join(` ${key.toLowerCase()} `);
    return depth > 0 ? `(${joined})` : joined;
  };
  if ("And" in rule) return group("And");
  if ("Or" in rule) return group("Or");
  if ("Not" in rule) {
    const inner = describe(rule.Not, depth + 1);
    return inner === null ? null : `not(${inner})`;
  }
  const variable = typeof rule.Variable === "string" ? rule.Variable : "?";
  for (const [key, value] of Object.entries(rule)) {
    if (key === "Variable" || key === "Next" || key === "Comment" || key === "Assign" || key === "Output") continue;
    if (key in TESTS) return value === false ? `${variable} not ${TESTS[key].replace(/^is /, "")}` : `${variable} ${TESTS[key]}`;
    const op = OPERATORS.find(([pattern]) => pattern.test(key));
    if (op) return `${variable} ${op[1]} ${key.endsWith("Path") ? String(value) : JSON.stringify(value)}`;
  }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
