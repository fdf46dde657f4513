import { compareInstants, parseTimestamp } from "./parse-timestamp";
import { stringMatches } from "./string-matches";

/** A data-test comparison: false whenever either side has the wrong type. */
export type Comparator = (variable: unknown, operand: unknown) => boolean;

function strings(test: (a: string, b: string) => boolean): Comparator {
  return (a, b) => typeof a === "string" && typeof b === "string" && test(a, b);
}

function numbers(test: (a: number, b: number) => boolean): Comparator {
  return (a, b) => typeof a === "number" && typeof b === "number" && test(a, b);
}

function timestamps(test: (order: number) => boolean): Comparator {
  return (a, b) => {
    if (typeof a !== "string" || typeof b !== "string") return false;
    const left = parseTimestamp(a);
    const right = left && parseTimestamp(b);
    return !!left && !!right && test(compareInstants(left, right));
  };
}

/** The value comparison operators; each also exists as `<Name>Path` with the operand read from a path. */
export const COMPARATORS: Record<string, Comparator> = {
  StringEquals: strings((a, b) => a === b),
  StringLessThan: strings((a, b) => a < b),
  StringGreaterThan: strings((a, b) => a > b),
  StringLessThanEquals: strings((a, b) => a <= b),
  StringGreaterThanEquals: strings((a, b) => a >= b),
  StringMatches: strings(stringMatches),
  NumericEquals: numbers((a, b) => a === b),
  NumericLessThan: numbers((a, b) => a < b),
  NumericGreaterThan: numbers((a, b) => a > b),
  NumericLessThanEquals: numbers((a, b) => a <= b),
  NumericGreaterThanEquals: numbers((a, b) => a >= b),
  BooleanEquals: (a, b) => typeof a === "boolean" && typeof b === "boolean" && a === b,
  TimestampEquals: timestamps((order) => order === 0),
  TimestampLessThan: timestamps((order) => order < 0),
  TimestampGreaterThan: timestamps((order) => order > 0),
  TimestampLessThanEquals: timestamps((order) => order <= 0),
  TimestampGreaterThanEquals: timestamps((order) => order >= 0),
};

/** The type tests (`IsNull: true` ...): `present` is false when the Variable path matched nothing. */
export const TYPE_TESTS: Record<string, (value: unknown, present: boolean) => boolean> = {
  IsPresent: (_value, present) => present,
  IsNull: (value, present) => present && value === null,
  IsNumeric: (value, present) => present && typeof value === "number",
  IsString: (value, present) => present && typeof value === "string",
  IsBoolean: (value, present) => present && typeof value === "boolean",
  IsTimestamp: (value, present) => present && typeof value === "string" && parseTimestamp(value) !== null,
};
