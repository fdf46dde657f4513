import { COMPARATORS, TYPE_TESTS } from "../choice/comparison-operators";
import { isJsonataTemplate } from "../jsonata/evaluate-jsonata-template";

type Obj = Record<string, unknown>;
type Report = (field: string, message: string) => void;

/** Whole-second fields and their least value (AWS caps them at 99999999). */
const SECONDS_FIELDS: Record<string, number> = { Seconds: 0, TimeoutSeconds: 1, HeartbeatSeconds: 1, MaxConcurrency: 0 };

/**
 * Number fields with a wrong value, named at the field: asl-validator only says "must match
 * exactly one schema in oneOf" there. A JSONata template stands for its value (checked at run
 * time).
 */
export function checkNumberFields(state: Obj, report: Report): void {
  for (const [field, least] of Object.entries(SECONDS_FIELDS)) {
    if (!(field in state)) continue;
    const value = state[field];
    if (typeof value === "string" && isJsonataTemplate(value)) continue;
    if (!(typeof value === "number" && Number.isInteger(value) && value >= least && value <= 99999999)) {
      report(field, least === 0 ? "must be a non-negative integer" : "must be a positive integer");
    }
  }
}

const OPERATORS = new Set([
  ...Object.keys(COMPARATORS),
  ...Object.keys(COMPARATORS).map((name) => `${name}Path`),
  ...Object.keys(TYPE_TESTS),
  "And",
  "Or",
  "Not",
]);

/**
 * A JSONPath Choice rule holds exactly one comparison (or And / Or / Not); asl-validator only
 * says "must match exactly one schema in oneOf" at the rule.
 */
export function checkJsonPathRule(rule: Obj, at: string, report: Report): void {
  const operators = Object.keys(rule).filter((key) => OPERATORS.has(key));
  if (operators.length === 1) return;
  const found = operators.length === 0 ? "none" : operators.map((o) => `'${o}'`).join(", ");
  report(
    at,
    `A Choice rule needs exactly one comparison operator (such as 'StringEquals' or 'IsPresent') or 'And', 'Or', 'Not'; found ${found}`,
  );
}
